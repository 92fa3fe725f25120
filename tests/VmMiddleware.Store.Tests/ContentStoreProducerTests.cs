using VmMiddleware.Store.Configuration;
using VmMiddleware.Store.Entries;

namespace VmMiddleware.Store.Tests;

/// <summary>The shape of the coming per-machine plugin cache: layers fetched by SHA-256, base first, by concurrent fetchers that download each layer once.</summary>
[TestClass]
public sealed class ContentStoreProducerTests
{
    [TestMethod]
    public async Task LockKeyAsync_ConcurrentFetchersOfOneChain_EachLayerDownloadedOnce()
    {
        using var f = new StoreFixture();
        var service = new Dictionary<string, (byte[] Bytes, string? Parent)>(StringComparer.Ordinal);
        var baseBytes = StoreFixture.Bytes(5000, 1);
        var topBytes = StoreFixture.Bytes(700, 2);
        service[StoreFixture.Sha(baseBytes)] = (baseBytes, null);
        service[StoreFixture.Sha(topBytes)] = (topBytes, StoreFixture.Sha(baseBytes));
        var downloads = 0;
        var options = f.Content() with { Layout = new StoreLayout { Objects = "blobs" } };

        async Task<string[]> FetchAsync(string key)
        {
            var store = await ContentStore.OpenAsync(options);
            var wanted = new List<string>();
            for (string? k = key; k is not null; k = service[k].Parent)
            {
                wanted.Insert(0, k);
            }

            foreach (var layer in wanted)
            {
                using var producing = await store.LockKeyAsync(layer, null, CancellationToken.None);
                if (store.Find(layer) is not null)
                {
                    continue;
                }

                Interlocked.Increment(ref downloads);
                using var download = new MemoryStream(service[layer].Bytes);
                await store.AddAsync(download, new EntryRequest { ExpectedSha256 = layer, Parent = service[layer].Parent, SourceName = "vmimage://service/" + layer }, CancellationToken.None);
            }

            using var lease = store.TryLease(key)!;
            return lease.Chain.Select(e => e.Key).ToArray();
        }

        var chains = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => FetchAsync(StoreFixture.Sha(topBytes)))));

        Assert.AreEqual(2, downloads);
        Assert.IsTrue(chains.All(c => c.SequenceEqual(new[] { StoreFixture.Sha(topBytes), StoreFixture.Sha(baseBytes) })));
        Assert.IsTrue(Directory.Exists(Path.Combine(f.Root, "blobs")));
    }

    [TestMethod]
    public async Task TryLockKey_Held_NullUntilReleased()
    {
        using var f = new StoreFixture();
        var store = await f.OpenNamedAsync();
        var first = store.TryLockKey("eeeeee01");

        Assert.IsNotNull(first);
        Assert.IsNull(store.TryLockKey("eeeeee01"));
        first.Dispose();
        using var again = store.TryLockKey("eeeeee01");
        Assert.IsNotNull(again);
    }
}
