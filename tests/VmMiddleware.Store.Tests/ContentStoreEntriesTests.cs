using VmMiddleware.Store.Entries;

namespace VmMiddleware.Store.Tests;

[TestClass]
public sealed class ContentStoreEntriesTests
{
    [TestMethod]
    public async Task SetPinned_ConcurrentWritersToOneEntry_NoCollisionAndNoTemporaryLeft()
    {
        using var f = new StoreFixture();
        var store = await f.OpenContentAsync();
        var entry = await f.AddAsync(store, 100, 1);

        // Moved from the execute cache's CacheIndexTests: two writers used to share the fixed name index.json.tmp;
        // entry files are written through DurableFile, each writer under its own temporary name.
        var writers = Enumerable.Range(0, 4).Select(i => Task.Run(async () =>
        {
            for (var n = 0; n < 25; n++)
            {
                Assert.IsTrue((await f.OpenContentAsync()).SetPinned(entry.Key, (n + i) % 2 == 0));
            }
        })).ToArray();
        await Task.WhenAll(writers);

        CollectionAssert.AreEqual(new[] { store.EntryPath(entry.Key) }, Directory.GetFiles(store.EntriesDirectory));
        Assert.IsNotNull(store.Find(entry.Key));
    }

    [TestMethod]
    public async Task SetPinned_KeepsLastUse()
    {
        using var f = new StoreFixture();
        var store = await f.OpenContentAsync();
        var entry = await f.AddAsync(store, 100, 1);

        Assert.IsTrue(store.SetPinned(entry.Key, pinned: true));

        var pinned = store.Find(entry.Key)!;
        Assert.IsTrue(pinned.Pinned);
        Assert.AreEqual(entry.LastUsedUtc, pinned.LastUsedUtc);
        Assert.IsFalse(store.SetPinned(StoreFixture.IdOf("absent"), pinned: true));
    }

    [TestMethod]
    public async Task Touch_Layer_MarksItsAncestorsToo()
    {
        using var f = new StoreFixture();
        var store = await f.OpenNamedAsync();
        await f.CommitAsync(store, "base0001");
        await f.CommitAsync(store, "mid00001", "base0001");
        await f.CommitAsync(store, "other001");
        f.Time.Advance(TimeSpan.FromHours(1));

        store.Touch("mid00001");

        Assert.AreEqual(f.Time.GetUtcNow(), store.Find("base0001")!.LastUsedUtc);
        Assert.AreEqual(f.Time.GetUtcNow(), store.Find("mid00001")!.LastUsedUtc);
        Assert.AreNotEqual(f.Time.GetUtcNow(), store.Find("other001")!.LastUsedUtc);
    }

    [TestMethod]
    public async Task Chain_Layer_TopFirstWithParentsAndDigests()
    {
        using var f = new StoreFixture();
        var store = await f.OpenNamedAsync();
        await f.CommitAsync(store, "base0001", size: 300);
        await f.CommitAsync(store, "top00001", "base0001");

        var chain = store.Chain("top00001");

        CollectionAssert.AreEqual(new[] { "top00001", "base0001" }, chain.Select(e => e.Key).ToArray());
        Assert.AreEqual("base0001", chain[0].Parent);
        Assert.AreEqual(300, chain[1].Size);
        Assert.AreEqual(StoreFixture.Sha(File.ReadAllBytes(chain[1].ObjectPath)), chain[1].Sha256);
        Assert.AreEqual(Path.Combine(store.Root, "layers", "base0001.qcow2"), chain[1].ObjectPath);
        Assert.AreEqual(400, store.TotalBytes());
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("../etc")]
    [DataRow("a.b")]
    [DataRow("sha256:abc")]
    public async Task Find_NotAKey_ReturnsNull(string key)
    {
        using var f = new StoreFixture();

        Assert.IsNull((await f.OpenNamedAsync()).Find(key));
        Assert.IsNull((await f.OpenContentAsync()).Find(key));
    }

    [TestMethod]
    public async Task List_WithUse_TellsLeasedEntries()
    {
        using var f = new StoreFixture();
        var store = await f.OpenContentAsync();
        var a = await f.AddAsync(store, 100, 1);
        var b = await f.AddAsync(store, 100, 2);

        using var lease = store.TryLease(a.Key);

        var listed = store.List(withUse: true).ToDictionary(e => e.Key);
        Assert.IsTrue(listed[a.Key].InUse);
        Assert.IsFalse(listed[b.Key].InUse);
        Assert.IsTrue(store.List().All(e => !e.InUse), "without asking, nothing is probed");
    }

    [TestMethod]
    public async Task EntryFile_HasMetadataAndIsTheIndex()
    {
        using var f = new StoreFixture();
        var store = await f.OpenContentAsync();
        using var source = new MemoryStream(StoreFixture.Bytes(10, 1));
        var metadata = System.Text.Json.JsonDocument.Parse("{\"Name\": \"x\"}").RootElement;

        var entry = (await store.AddAsync(source, new EntryRequest { Metadata = metadata }, CancellationToken.None)).Entry;

        Assert.AreEqual("x", store.Find(entry.Key)!.Metadata!.Value.GetProperty("Name").GetString());
        StringAssert.Contains(File.ReadAllText(store.EntryPath(entry.Key)), "\"sha256\": \"" + entry.Key + "\"");
    }
}
