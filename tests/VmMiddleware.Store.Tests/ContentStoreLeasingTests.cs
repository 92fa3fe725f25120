namespace VmMiddleware.Store.Tests;

[TestClass]
public sealed class ContentStoreLeasingTests
{
    [TestMethod]
    public async Task TryLease_Layer_LeasesChainTopFirstAndTouchesIt()
    {
        using var f = new StoreFixture();
        var store = await f.OpenContentAsync();
        var base1 = await f.AddAsync(store, 1000, 1);
        var top = await f.AddAsync(store, 300, 2, base1.Key);
        f.Time.Advance(TimeSpan.FromHours(1));

        using var lease = store.TryLease(top.Key)!;

        CollectionAssert.AreEqual(new[] { top.Key, base1.Key }, lease.Chain.Select(e => e.Key).ToArray());
        Assert.IsTrue(lease.Chain.All(e => e.InUse));
        Assert.AreEqual(f.Time.GetUtcNow(), store.Find(base1.Key)!.LastUsedUtc);
        Assert.IsEmpty(store.Trim(0));
        Assert.AreEqual(Eviction.RemovalStatus.InUse, store.Remove(base1.Key).Status);
    }

    [TestMethod]
    public async Task TryLease_Absent_ReturnsNull()
    {
        using var f = new StoreFixture();

        Assert.IsNull((await f.OpenContentAsync()).TryLease(StoreFixture.IdOf("absent")));
        Assert.IsNull((await f.OpenContentAsync()).TryLease("not a key"));
    }

    [TestMethod]
    public async Task TryLease_CorruptBase_RemovesItWithItsLayers()
    {
        // The log line it writes is asserted through the image cache (ImageCacheIntegrityTests).
        using var f = new StoreFixture();
        var store = await f.OpenContentAsync();
        var base1 = await f.AddAsync(store, 1000, 1);
        var top = await f.AddAsync(store, 300, 2, base1.Key);
        Corrupt(base1.ObjectPath);

        Assert.IsNull(store.TryLease(top.Key));

        Assert.IsNull(store.Find(base1.Key));
        Assert.IsNull(store.Find(top.Key));
        Assert.IsFalse(File.Exists(top.ObjectPath));
        Assert.IsFalse(File.Exists(base1.ObjectPath));
    }

    [TestMethod]
    public async Task TryLease_RewrittenWithOldMtime_StillDetected()
    {
        using var f = new StoreFixture();
        var store = await f.OpenContentAsync();
        var entry = await f.AddAsync(store, 1000, 1);
        store.TryLease(entry.Key)!.Dispose();
        var mtime = File.GetLastWriteTimeUtc(entry.ObjectPath);
        Corrupt(entry.ObjectPath);
        File.SetLastWriteTimeUtc(entry.ObjectPath, mtime);

        Assert.IsNull(store.TryLease(entry.Key));
    }

    [TestMethod]
    public async Task TryLease_WithoutVerification_TrustsTheFile()
    {
        using var f = new StoreFixture();
        var store = await ContentStore.OpenAsync(f.Content() with { VerifyOnLease = false });
        var entry = await f.AddAsync(store, 1000, 1);
        Corrupt(entry.ObjectPath);

        using var lease = store.TryLease(entry.Key);

        Assert.IsNotNull(lease);
    }

    [TestMethod]
    public async Task TryLease_AdoptedObject_HashedOnFirstUseThenStamped()
    {
        using var f = new StoreFixture();
        var store = await f.OpenContentAsync();
        var entry = await f.AddAsync(store, 1000, 1);
        File.Delete(store.EntryPath(entry.Key));
        store = await f.OpenContentAsync();
        Assert.IsNull(store.Find(entry.Key)!.Verified);

        store.TryLease(entry.Key)!.Dispose();

        Assert.IsNotNull(store.Find(entry.Key)!.Verified);
    }

    internal static void Corrupt(string path)
    {
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Write);
        stream.Position = 10;
        stream.WriteByte(0xFF);
    }
}
