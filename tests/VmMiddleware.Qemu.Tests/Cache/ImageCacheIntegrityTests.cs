using System.Runtime.Versioning;
using Microsoft.Extensions.Logging;
using VmMiddleware.Qemu.Cache;

namespace VmMiddleware.Qemu.Tests.Cache;

[TestClass]
[SupportedOSPlatform("linux")]
public sealed class ImageCacheIntegrityTests
{
    [TestMethod]
    public async Task TryGet_CorruptObject_RemovesItReportsItAndReturnsFalse()
    {
        using var f = new CacheFixture();
        var log = new ListLogger();
        var cache = await ImageCache.OpenAsync(f.Root, 1 << 20, f.Time, f.Inspector.QemuImg, log);
        var entry = await cache.AddAsync(f.Image("a", 1000, 1).Path, null, CancellationToken.None);
        Corrupt(entry.Path);

        Assert.IsFalse(cache.TryGet(entry.Id, out _));

        Assert.IsFalse(File.Exists(entry.Path));
        Assert.IsNull(cache.Find(entry.Id));
        Assert.IsTrue(log.Lines.Any(l => l.Contains(entry.Id, StringComparison.Ordinal) && l.Contains("corrupt", StringComparison.Ordinal)), string.Join("\n", log.Lines));
    }

    [TestMethod]
    public async Task TryGet_CorruptBase_RemovesItsLayersToo()
    {
        using var f = new CacheFixture();
        var cache = await f.OpenAsync();
        var (basePath, baseId) = f.Image("base", 1000, 1);
        var (topPath, topId) = f.Image("top", 300, 3);
        f.Inspector.Backing["top"] = basePath;
        var baseEntry = await cache.AddAsync(basePath, null, CancellationToken.None);
        await cache.AddAsync(topPath, null, CancellationToken.None);
        Corrupt(baseEntry.Path);

        Assert.IsFalse(cache.TryGet(topId, out _));

        Assert.IsNull(cache.Find(baseId));
        Assert.IsNull(cache.Find(topId));
    }

    [TestMethod]
    public async Task TryGet_RewrittenWithOldMtime_StillDetected()
    {
        using var f = new CacheFixture();
        var cache = await f.OpenAsync();
        var entry = await cache.AddAsync(f.Image("a", 1000, 1).Path, null, CancellationToken.None);
        Assert.IsTrue(cache.TryGet(entry.Id, out var first));
        first.Dispose();
        var mtime = File.GetLastWriteTimeUtc(entry.Path);
        Corrupt(entry.Path);
        File.SetLastWriteTimeUtc(entry.Path, mtime);

        Assert.IsFalse(cache.TryGet(entry.Id, out _));
    }

    [TestMethod]
    public async Task TryGet_Intact_ReturnsLeaseOnObject()
    {
        using var f = new CacheFixture();
        var cache = await f.OpenAsync();
        var entry = await cache.AddAsync(f.Image("a", 1000, 1).Path, null, CancellationToken.None);

        Assert.IsTrue(cache.TryGet(entry.Id["sha256:".Length..], out var lease));

        using (lease)
        {
            Assert.AreEqual(entry.Path, lease.Path);
            Assert.AreEqual(entry.Id, lease.Id);
        }
    }

    [TestMethod]
    public async Task Open_StaleTempFile_IsRemoved()
    {
        using var f = new CacheFixture();
        await f.OpenAsync();
        var stale = Path.Combine(f.Root, "tmp", "dead.part");
        File.WriteAllBytes(stale, new byte[10]);

        var cache = await f.OpenAsync();

        Assert.IsFalse(File.Exists(stale));
        Assert.AreEqual(1, cache.Recovery.TempFilesRemoved);
    }

    [TestMethod]
    public async Task Open_TempFileHeldByLiveWriter_IsKept()
    {
        using var f = new CacheFixture();
        // A writer's temporary is alive while its session lock is held (the store's one rule for every configuration).
        using var session = (await f.OpenAsync()).Store.BeginSession();
        var live = session.TemporaryPath(0);
        using var writer = new FileStream(live, FileMode.CreateNew, FileAccess.Write, FileShare.None);

        var cache = await f.OpenAsync();

        Assert.IsTrue(File.Exists(live));
        Assert.AreEqual(0, cache.Recovery.TempFilesRemoved);
    }

    [TestMethod]
    public async Task Open_TemporaryIndexLeftByKilledWriter_IsRemoved()
    {
        using var f = new CacheFixture();
        var entry = await (await f.OpenAsync()).AddAsync(f.Image("a", 1000, 1).Path, null, CancellationToken.None);
        // The index is one entry file per entry now (entries/HEX.json); a killed writer leaves DurableFile's temporary beside it.
        var stale = Path.Combine(f.Root, "entries", $".tmp-{entry.Id[7..]}.json-0123456789abcdef0123456789abcdef");
        File.WriteAllText(stale, "{ \"version\": 1, \"entr");

        var cache = await f.OpenAsync();

        Assert.IsFalse(File.Exists(stale));
        Assert.HasCount(1, cache.List());
    }

    [TestMethod]
    public async Task Open_ObjectWhoseIndexUpdateWasLost_IsAdoptedAndVerifiedOnUse()
    {
        using var f = new CacheFixture();
        var entry = await (await f.OpenAsync()).AddAsync(f.Image("a", 1000, 1).Path, null, CancellationToken.None);
        File.Delete(Path.Combine(f.Root, "entries", entry.Id[7..] + ".json"));

        var cache = await f.OpenAsync();

        Assert.AreEqual(1, cache.Recovery.ObjectsAdopted);
        Assert.IsTrue(cache.TryGet(entry.Id, out var lease));
        lease.Dispose();
    }

    [TestMethod]
    public async Task Open_IndexEntryWhoseObjectVanished_IsDroppedWithItsLayers()
    {
        using var f = new CacheFixture();
        var cache = await f.OpenAsync();
        var (basePath, baseId) = f.Image("base", 1000, 1);
        var (topPath, topId) = f.Image("top", 300, 3);
        f.Inspector.Backing["top"] = basePath;
        var baseEntry = await cache.AddAsync(basePath, null, CancellationToken.None);
        await cache.AddAsync(topPath, null, CancellationToken.None);
        File.Delete(baseEntry.Path);

        var reopened = await f.OpenAsync();

        Assert.AreEqual(2, reopened.Recovery.EntriesDropped);
        Assert.IsEmpty(reopened.List());
        Assert.IsNull(reopened.Find(topId));
        Assert.IsNull(reopened.Find(baseId));
    }

    [TestMethod]
    public async Task Open_TornIndex_RebuildsFromObjects()
    {
        using var f = new CacheFixture();
        var entry = await (await f.OpenAsync()).AddAsync(f.Image("a", 1000, 1).Path, null, CancellationToken.None);
        File.WriteAllText(Path.Combine(f.Root, "entries", entry.Id[7..] + ".json"), "{ \"version\": 1, \"entr");

        var cache = await f.OpenAsync();

        CollectionAssert.AreEqual(new[] { entry.Id }, cache.List().Select(e => e.Id).ToArray(), "rebuilt from the object");
    }

    private static void Corrupt(string path)
    {
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Write);
        stream.Position = 10;
        stream.WriteByte(0xFF);
    }

    private sealed class ListLogger : ILogger
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add(formatter(state, exception));
    }
}
