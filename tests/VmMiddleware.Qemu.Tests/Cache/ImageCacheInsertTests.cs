using System.Runtime.Versioning;

namespace VmMiddleware.Qemu.Tests.Cache;

[TestClass]
[SupportedOSPlatform("linux")]
public sealed class ImageCacheInsertTests
{
    [TestMethod]
    public async Task AddAsync_NewImage_StoresReadOnlyObjectNamedByHash()
    {
        using var f = new CacheFixture();
        var cache = await f.OpenAsync();
        var (path, id) = f.Image("a.img", 1000, 1);

        var entry = await cache.AddAsync(path, null, CancellationToken.None);

        Assert.AreEqual(id, entry.Id);
        Assert.AreEqual(1000, entry.Size);
        var hex = id["sha256:".Length..];
        Assert.AreEqual(Path.Combine(f.Root, "objects", hex[..2], hex[2..]), entry.Path);
        CollectionAssert.AreEqual(File.ReadAllBytes(path), File.ReadAllBytes(entry.Path));
        Assert.AreEqual(UnixFileMode.UserRead | (File.GetUnixFileMode(path) & UnixFileMode.GroupRead), File.GetUnixFileMode(entry.Path));
        Assert.IsEmpty(Directory.GetFiles(Path.Combine(f.Root, "tmp")));
    }

    [TestMethod]
    [DataRow(0b110_100_000, 0b100_100_000)] // -rw-r----- becomes -r--r-----
    [DataRow(0b110_000_000, 0b100_000_000)] // -rw------- becomes -r--------
    [DataRow(0b110_100_100, 0b100_100_000)] // -rw-r--r-- becomes -r--r-----: never world-readable
    public async Task AddAsync_SourceMode_ObjectReadOnlyNoWiderAndNotWorldReadable(int sourceMode, int expectedMode)
    {
        using var f = new CacheFixture();
        var cache = await f.OpenAsync();
        var (path, _) = f.Image("secret.img", 1000, 3);
        File.SetUnixFileMode(path, (UnixFileMode)sourceMode);

        var entry = await cache.AddAsync(path, null, CancellationToken.None);

        Assert.AreEqual((UnixFileMode)expectedMode, File.GetUnixFileMode(entry.Path));
    }

    [TestMethod]
    public async Task AddAsync_WrongExpectedHash_ThrowsAndLeavesNothing()
    {
        using var f = new CacheFixture();
        var cache = await f.OpenAsync();
        var (path, _) = f.Image("a.img", 1000, 1);
        var other = CacheFixture.IdOf("something else");

        var e = await Assert.ThrowsExactlyAsync<InvalidDataException>(() => cache.AddAsync(path, other, CancellationToken.None));

        StringAssert.Contains(e.Message, "expected " + other);
        Assert.IsEmpty(cache.List());
        Assert.IsEmpty(Directory.GetFiles(Path.Combine(f.Root, "tmp")));
        Assert.IsEmpty(Directory.GetFiles(Path.Combine(f.Root, "objects"), "*", SearchOption.AllDirectories));
    }

    [TestMethod]
    public async Task AddAsync_SameContentTwice_KeepsOneObject()
    {
        using var f = new CacheFixture();
        var cache = await f.OpenAsync();
        var (path, id) = f.Image("a.img", 1000, 1);
        File.Copy(path, Path.Combine(f.SourceDir, "copy.img"));

        await cache.AddAsync(path, null, CancellationToken.None);
        await cache.AddAsync(Path.Combine(f.SourceDir, "copy.img"), id, CancellationToken.None);

        Assert.HasCount(1, cache.List());
        Assert.HasCount(1, Directory.GetFiles(Path.Combine(f.Root, "objects"), "*", SearchOption.AllDirectories));
    }

    [TestMethod]
    public async Task AddAsync_ConcurrentSameContent_OneObjectAndEveryoneGetsIt()
    {
        using var f = new CacheFixture();
        var (path, id) = f.Image("a.img", 300_000, 9);

        var entries = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () => await (await f.OpenAsync()).AddAsync(path, null, CancellationToken.None))));

        Assert.IsTrue(entries.All(e => e.Id == id));
        Assert.HasCount(1, Directory.GetFiles(Path.Combine(f.Root, "objects"), "*", SearchOption.AllDirectories));
        Assert.IsEmpty(Directory.GetFiles(Path.Combine(f.Root, "tmp")));
    }

    [TestMethod]
    public async Task AddAsync_Cancelled_LeavesNoTempFile()
    {
        using var f = new CacheFixture();
        var cache = await f.OpenAsync();
        var (path, _) = f.Image("a.img", 4 << 20, 3);

        await Assert.ThrowsAsync<OperationCanceledException>(() => cache.AddAsync(path, null, new CancellationToken(canceled: true)));

        Assert.IsEmpty(Directory.GetFiles(Path.Combine(f.Root, "tmp")));
        Assert.IsEmpty(cache.List());
    }

    [TestMethod]
    public async Task AddAndLeaseAsync_Layer_LeasesWholeChain()
    {
        using var f = new CacheFixture();
        var cache = await f.OpenAsync();
        var (basePath, baseId) = f.Image("base.img", 1000, 1);
        var (topPath, topId) = f.Image("top.qcow2", 500, 2);
        f.Inspector.Backing["top.qcow2"] = basePath;
        await cache.AddAsync(basePath, null, CancellationToken.None);

        using var lease = await cache.AddAndLeaseAsync(topPath, topId, CancellationToken.None);

        CollectionAssert.AreEqual(new[] { topId, baseId }, lease.Chain.Select(e => e.Id).ToArray());
        Assert.AreEqual(baseId, cache.Find(topId)!.Backing);
        Assert.IsTrue(cache.Find(baseId)!.InUse);
    }

    [TestMethod]
    public async Task AddAsync_LayerWhoseBaseIsNotCached_Throws()
    {
        using var f = new CacheFixture();
        var cache = await f.OpenAsync();
        var (basePath, _) = f.Image("base.img", 1000, 1);
        var (topPath, _) = f.Image("top.qcow2", 500, 2);
        f.Inspector.Backing["top.qcow2"] = basePath;

        var e = await Assert.ThrowsExactlyAsync<InvalidDataException>(() => cache.AddAsync(topPath, null, CancellationToken.None));

        StringAssert.Contains(e.Message, "not in the cache");
    }
}
