using VmMiddleware.Qemu.Cache;

namespace VmMiddleware.Qemu.Tests.Cache;

[TestClass]
public sealed class ImageCacheEvictionTests
{
    [TestMethod]
    public async Task Trim_OverCap_EvictsLeastRecentlyUsedFirst()
    {
        using var f = new CacheFixture();
        var cache = await f.OpenAsync(cap: 10_000);
        var ids = new List<string>();
        foreach (var (name, seed) in new[] { ("a", (byte)1), ("b", (byte)2), ("c", (byte)3) })
        {
            ids.Add((await cache.AddAsync(f.Image(name, 1000, seed).Path, null, CancellationToken.None)).Id);
            f.Time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.IsTrue(cache.TryGet(ids[0], out var lease));
        lease.Dispose();

        var evicted = cache.Trim(2000);

        CollectionAssert.AreEqual(new[] { ids[1] }, evicted.ToArray());
        CollectionAssert.AreEqual(new[] { ids[2], ids[0] }, cache.List().Select(e => e.Id).ToArray());
    }

    [TestMethod]
    public async Task AddAsync_PastCap_EvictsOldestButKeepsNewEntry()
    {
        using var f = new CacheFixture();
        var cache = await f.OpenAsync(cap: 2500);
        var a = await cache.AddAsync(f.Image("a", 1000, 1).Path, null, CancellationToken.None);
        f.Time.Advance(TimeSpan.FromSeconds(1));
        var b = await cache.AddAsync(f.Image("b", 1000, 2).Path, null, CancellationToken.None);
        f.Time.Advance(TimeSpan.FromSeconds(1));

        var c = await cache.AddAsync(f.Image("c", 1000, 3).Path, null, CancellationToken.None);

        CollectionAssert.AreEqual(new[] { b.Id, c.Id }, cache.List().Select(e => e.Id).ToArray());
        Assert.IsFalse(File.Exists(a.Path));
        Assert.AreEqual(2000, cache.TotalBytes());
    }

    [TestMethod]
    public async Task Trim_LeasedEntry_IsSkippedAndNextOldestGoes()
    {
        using var f = new CacheFixture();
        var cache = await f.OpenAsync();
        var a = await cache.AddAsync(f.Image("a", 1000, 1).Path, null, CancellationToken.None);
        f.Time.Advance(TimeSpan.FromSeconds(1));
        var b = await cache.AddAsync(f.Image("b", 1000, 2).Path, null, CancellationToken.None);
        f.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.IsTrue((await ImageCache.OpenAsync(f.Root, 1 << 20, f.Time)).TryGet(a.Id, out var lease));
        f.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.IsTrue(cache.TryGet(b.Id, out var later));
        later.Dispose();

        using (lease)
        {
            CollectionAssert.AreEqual(new[] { b.Id }, cache.Trim(1000).ToArray());
            Assert.IsTrue(File.Exists(a.Path));
            Assert.IsEmpty(cache.Trim(0));
        }

        CollectionAssert.AreEqual(new[] { a.Id }, cache.Trim(0).ToArray());
    }

    [TestMethod]
    public async Task Trim_PinnedEntry_IsNeverEvicted()
    {
        using var f = new CacheFixture();
        var cache = await f.OpenAsync();
        var a = await cache.AddAsync(f.Image("a", 1000, 1).Path, null, CancellationToken.None);
        Assert.IsTrue(cache.SetPinned(a.Id, pinned: true));

        Assert.IsEmpty(cache.Trim(0));
        Assert.IsTrue(cache.Find(a.Id)!.Pinned);
        Assert.IsTrue(cache.SetPinned(a.Id, pinned: false));
        CollectionAssert.AreEqual(new[] { a.Id }, cache.Trim(0).ToArray());
    }

    [TestMethod]
    public async Task Evict_UnknownId_ThrowsNamingIt()
    {
        using var f = new CacheFixture();
        var id = "sha256:" + new string('a', 64);

        var e = await Assert.ThrowsExactlyAsync<KeyNotFoundException>(async () => (await f.OpenAsync()).Evict(id));

        Assert.AreEqual($"{id} is not in the image cache", e.Message);
    }

    [TestMethod]
    public async Task Evict_PinnedEntry_ThrowsAndKeepsIt()
    {
        using var f = new CacheFixture();
        var cache = await f.OpenAsync();
        var a = await cache.AddAsync(f.Image("a", 1000, 1).Path, null, CancellationToken.None);
        Assert.IsTrue(cache.SetPinned(a.Id, pinned: true));

        var e = Assert.ThrowsExactly<InvalidOperationException>(() => cache.Evict(a.Id));

        StringAssert.Contains(e.Message, "is pinned");
        Assert.IsTrue(File.Exists(a.Path));
        Assert.IsNotNull(cache.Find(a.Id));
    }

    [TestMethod]
    public async Task Evict_LeasedEntry_ThrowsAndKeepsIt()
    {
        using var f = new CacheFixture();
        var cache = await f.OpenAsync();
        var a = await cache.AddAsync(f.Image("a", 1000, 1).Path, null, CancellationToken.None);
        Assert.IsTrue(cache.TryGet(a.Id, out var lease));

        using (lease)
        {
            Assert.ThrowsExactly<InvalidOperationException>(() => cache.Evict(a.Id));
            Assert.IsTrue(cache.Find(a.Id)!.InUse);
        }

        CollectionAssert.AreEqual(new[] { a.Id }, cache.Evict(a.Id).ToArray());
        Assert.IsNull(cache.Find(a.Id));
    }

    [TestMethod]
    public async Task Evict_BaseWithLayers_RemovesLayersFirstThenBase()
    {
        using var f = new CacheFixture();
        var cache = await f.OpenAsync();
        var (basePath, baseId) = f.Image("base", 1000, 1);
        var (midPath, midId) = f.Image("mid", 600, 2);
        var (topPath, topId) = f.Image("top", 300, 3);
        f.Inspector.Backing["mid"] = basePath;
        f.Inspector.Backing["top"] = midPath;
        foreach (var p in new[] { basePath, midPath, topPath })
        {
            await cache.AddAsync(p, null, CancellationToken.None);
        }

        CollectionAssert.AreEqual(new[] { topId, midId, baseId }, cache.Evict(baseId).ToArray());
        Assert.IsEmpty(cache.List());
    }

    [TestMethod]
    public async Task Trim_BaseOlderThanItsLayer_EvictsLayerBeforeBase()
    {
        using var f = new CacheFixture();
        var cache = await f.OpenAsync();
        var (basePath, baseId) = f.Image("base", 1000, 1);
        var (topPath, topId) = f.Image("top", 300, 3);
        f.Inspector.Backing["top"] = basePath;
        await cache.AddAsync(basePath, null, CancellationToken.None);
        f.Time.Advance(TimeSpan.FromSeconds(1));
        await cache.AddAsync(topPath, null, CancellationToken.None);

        CollectionAssert.AreEqual(new[] { topId }, cache.Trim(1000).ToArray());
        CollectionAssert.AreEqual(new[] { baseId }, cache.Trim(999).ToArray());
    }

    [TestMethod]
    public async Task Trim_LayerLeased_KeepsItsBaseToo()
    {
        using var f = new CacheFixture();
        var cache = await f.OpenAsync();
        var (basePath, baseId) = f.Image("base", 1000, 1);
        var (topPath, topId) = f.Image("top", 300, 3);
        f.Inspector.Backing["top"] = basePath;
        await cache.AddAsync(basePath, null, CancellationToken.None);
        await cache.AddAsync(topPath, null, CancellationToken.None);
        Assert.IsTrue(cache.TryGet(topId, out var lease));

        using (lease)
        {
            Assert.IsEmpty(cache.Trim(0));
            Assert.ThrowsExactly<InvalidOperationException>(() => cache.Evict(baseId));
        }
    }
}
