using VmMiddleware.Store.Eviction;

namespace VmMiddleware.Store.Tests;

[TestClass]
public sealed class ContentStoreEvictionTests
{
    [TestMethod]
    public async Task Trim_OverCap_LeastRecentlyUsedLeafFirst()
    {
        using var f = new StoreFixture();
        var store = await f.OpenNamedAsync();
        await f.CommitAsync(store, "base0001");
        await f.CommitAsync(store, "left0001", "base0001");
        await f.CommitAsync(store, "rite0001", "base0001");
        store.Touch("left0001");

        CollectionAssert.AreEqual(new[] { "rite0001" }, store.Trim(250).ToArray());
        CollectionAssert.AreEqual(new[] { "left0001", "base0001" }, store.Trim(0).ToArray());
        Assert.IsEmpty(Directory.GetFiles(Path.Combine(f.Root, "logs")), "attachments go with their entries");
    }

    [TestMethod]
    public async Task Trim_PinnedLayer_KeptWithItsAncestors()
    {
        using var f = new StoreFixture();
        var store = await f.OpenNamedAsync();
        await f.CommitAsync(store, "base0001");
        await f.CommitAsync(store, "mid00001", "base0001");
        await f.CommitAsync(store, "other001", "base0001");
        Assert.IsTrue(store.SetPinned("mid00001", pinned: true));

        CollectionAssert.AreEqual(new[] { "other001" }, store.Trim(0).ToArray());
        Assert.IsNotNull(store.Find("base0001"));
    }

    [TestMethod]
    public async Task Trim_ProducerAtWork_Skipped()
    {
        using var f = new StoreFixture();
        var store = await f.OpenNamedAsync();
        await f.CommitAsync(store, "base0001");
        using var producing = store.TryLockKey("base0001");

        Assert.IsEmpty(store.Trim(0));
        Assert.AreEqual(RemovalStatus.InUse, store.Remove("base0001").Status);
    }

    [TestMethod]
    public async Task Remove_Base_TakesLayersFirst()
    {
        using var f = new StoreFixture();
        var store = await f.OpenNamedAsync();
        await f.CommitAsync(store, "base0001");
        await f.CommitAsync(store, "mid00001", "base0001");
        await f.CommitAsync(store, "top00001", "mid00001");

        var result = store.Remove("base0001");

        Assert.AreEqual(RemovalStatus.Removed, result.Status);
        CollectionAssert.AreEqual(new[] { "top00001", "mid00001", "base0001" }, result.Removed.ToArray());
        Assert.IsEmpty(store.List());
        Assert.IsEmpty(Directory.GetFiles(store.LocksDirectory, "*.lease"));
    }

    [TestMethod]
    public async Task Remove_LayerPinned_NothingRemovedAndBlockerNamed()
    {
        using var f = new StoreFixture();
        var store = await f.OpenNamedAsync();
        await f.CommitAsync(store, "base0001");
        await f.CommitAsync(store, "top00001", "base0001");
        store.SetPinned("top00001", pinned: true);

        var result = store.Remove("base0001");

        Assert.AreEqual(new RemovalResult(RemovalStatus.Pinned, "top00001", []).Status, result.Status);
        Assert.AreEqual("top00001", result.Blocker);
        Assert.HasCount(2, store.List());
    }

    [TestMethod]
    public async Task Remove_Absent_NotFound()
    {
        using var f = new StoreFixture();

        Assert.AreEqual(RemovalStatus.NotFound, (await f.OpenNamedAsync()).Remove("nothing").Status);
    }

    [TestMethod]
    public async Task Trim_LeasedInAnotherStoreInstance_SkippedUntilReleased()
    {
        using var f = new StoreFixture();
        var store = await f.OpenContentAsync();
        var a = await f.AddAsync(store, 1000, 1);
        var b = await f.AddAsync(store, 1000, 2);
        var lease = (await f.OpenContentAsync()).TryLease(a.Key)!;
        f.Time.Advance(TimeSpan.FromMinutes(1));
        store.TryLease(b.Key)!.Dispose();

        using (lease)
        {
            CollectionAssert.AreEqual(new[] { b.Key }, store.Trim(1000).ToArray());
            Assert.IsEmpty(store.Trim(0));
        }

        CollectionAssert.AreEqual(new[] { a.Key }, store.Trim(0).ToArray());
    }
}
