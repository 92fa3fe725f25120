using System.Security.Cryptography;
using VmMiddleware.Qemu.Launch;
using VmMiddleware.Qemu.Storage;
using VmMiddleware.WorkUnits;

namespace VmMiddleware.Qemu.Tests.Storage;

[TestClass]
public sealed class CachedImageStoreTests : IDisposable
{
    private FakeImageCache _cache = null!;
    private string _dir = null!;

    [TestInitialize]
    public void Setup()
    {
        _cache = new FakeImageCache();
        _dir = Directory.CreateTempSubdirectory("vmgrid-store-").FullName;
    }

    public void Dispose()
    {
        _cache.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [TestMethod]
    public async Task ResolveAsync_HostPathNotCached_AddedAndLeasedUntilDisposed()
    {
        var (path, hex) = Image("root.img", 7);
        var store = new CachedImageStore(_cache);

        var image = await store.ResolveAsync(Spec(path), CancellationToken.None);

        Assert.AreEqual("sha256:" + hex, image.CacheId);
        Assert.IsFalse(image.WasCached);
        Assert.AreEqual(1, _cache.Adds);
        Assert.AreEqual(new ImageLayer(Path.Combine(_cache.Root, hex), "raw"), image.Top);
        Assert.IsTrue(_cache.IsLeased("sha256:" + hex));
        image.Dispose();
        Assert.IsFalse(_cache.IsLeased("sha256:" + hex));
    }

    [TestMethod]
    public async Task ResolveAsync_HostPathAlreadyCached_FoundWithoutCopy()
    {
        var (path, _) = Image("root.img", 7);
        var id = _cache.Seed(File.ReadAllBytes(path));
        var messages = new List<string>();

        using var image = await new CachedImageStore(_cache, messages.Add).ResolveAsync(Spec(path), CancellationToken.None);

        Assert.AreEqual(id, image.CacheId);
        Assert.IsTrue(image.WasCached);
        Assert.AreEqual(0, _cache.Adds);
        Assert.AreEqual($"image {id} found in the image cache; leased for the run", messages.Single());
    }

    [TestMethod]
    public async Task ResolveAsync_HostPathWithRightSha256_Accepted()
    {
        var (path, hex) = Image("root.img", 9);

        using var image = await new CachedImageStore(_cache).ResolveAsync(Spec(path, hex), CancellationToken.None);

        Assert.AreEqual("sha256:" + hex, image.CacheId);
    }

    [TestMethod]
    public async Task ResolveAsync_HostPathWithWrongSha256_RefusedNamingBothHashesNothingCached()
    {
        var (path, hex) = Image("root.img", 9);
        var wrong = new string('a', 64);

        var e = await Assert.ThrowsExactlyAsync<LaunchException>(() => new CachedImageStore(_cache).ResolveAsync(Spec(path, wrong), CancellationToken.None));

        Assert.AreEqual($"The image {path} has SHA-256 {hex}, but the work unit expects {wrong}; refusing to boot it.", e.Message);
        Assert.AreEqual(0, _cache.Ids.Count);
    }

    [TestMethod]
    public async Task ResolveAsync_MissingHostPath_LaunchExceptionNamingPath()
    {
        var path = Path.Combine(_dir, "nope.img");

        var e = await Assert.ThrowsExactlyAsync<LaunchException>(() => new CachedImageStore(_cache).ResolveAsync(Spec(path), CancellationToken.None));

        Assert.AreEqual($"The image {path} does not exist.", e.Message);
    }

    [TestMethod]
    public async Task ResolveAsync_Qcow2LayerOverHostBase_BaseCachedFirstAndChainOfTwo()
    {
        var (basePath, baseHex) = Image("base.raw", 3);
        var top = Path.Combine(_dir, "top.qcow2");
        await File.WriteAllBytesAsync(top, Qcow2HeaderBytes.Create(4096, "base.raw", "raw"));

        using var image = await new CachedImageStore(_cache).ResolveAsync(Spec(top), CancellationToken.None);

        Assert.AreEqual(2, _cache.Adds);
        Assert.AreEqual(2, image.Chain.Count);
        Assert.AreEqual("qcow2", image.Chain[0].Format);
        Assert.AreEqual(new ImageLayer(Path.Combine(_cache.Root, baseHex), "raw"), image.Chain[1]);
        Assert.IsTrue(_cache.IsLeased("sha256:" + baseHex), "the base is leased with the layer");
        Assert.IsTrue(File.Exists(basePath));
    }

    [TestMethod]
    public async Task ResolveAsync_CacheReferenceCached_LeasedWithDeclaredFormat()
    {
        var id = _cache.Seed(new byte[1024]);
        var spec = new ImageSpec(ImageKind.RootFilesystem, ImageLocation.FromCacheReference(id), ImageFormat.Raw);

        using var image = await new CachedImageStore(_cache).ResolveAsync(spec, CancellationToken.None);

        Assert.AreEqual(id, image.CacheId);
        Assert.AreEqual("raw", image.Top.Format);
        Assert.IsTrue(_cache.IsLeased(id));
    }

    [TestMethod]
    public async Task ResolveAsync_CacheReferenceMissing_LaunchExceptionNamingIdAndCache()
    {
        var id = "sha256:" + new string('b', 64);
        var spec = new ImageSpec(ImageKind.RootFilesystem, ImageLocation.FromCacheReference(id));

        var e = await Assert.ThrowsExactlyAsync<LaunchException>(() => new CachedImageStore(_cache).ResolveAsync(spec, CancellationToken.None));

        Assert.AreEqual($"The image {id} is not in this host's image cache ({_cache.Root}); add it with 'vmgrid cache images add FILE' or give the image's path.", e.Message);
    }

    [TestMethod]
    public async Task ResolveAsync_VmImageUrlWithSha256Id_ResolvedFromCache()
    {
        var id = _cache.Seed(new byte[2048]);
        var spec = new ImageSpec(ImageKind.RootFilesystem, ImageLocation.FromUrl("vmimage://factory.example.org/" + id));

        using var image = await new CachedImageStore(_cache).ResolveAsync(spec, CancellationToken.None);

        Assert.AreEqual(id, image.CacheId);
    }

    [TestMethod]
    public async Task ResolveAsync_VmImageUrlWithName_FactoryNotConfiguredError()
    {
        var spec = new ImageSpec(ImageKind.RootFilesystem, ImageLocation.FromUrl("vmimage://factory.example.org/debian-12-python"));

        var e = await Assert.ThrowsExactlyAsync<LaunchException>(() => new CachedImageStore(_cache).ResolveAsync(spec, CancellationToken.None));

        StringAssert.StartsWith(e.Message, "The image vmimage://factory.example.org/debian-12-python cannot be fetched: vmimage:// fetch needs the image factory service, not configured");
        Assert.AreEqual(0, _cache.Gets);
    }

    [TestMethod]
    public async Task ResolveAsync_TextFileDeclaredQcow2_RefusedBeforeAnythingIsHashedOrCopied()
    {
        var path = Path.Combine(_dir, "shadow");
        File.WriteAllText(path, "root:$y$j9T$secret:19000:0:99999:7:::\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        var spec = new ImageSpec(ImageKind.BootableDisk, ImageLocation.FromHostPath(path), ImageFormat.Qcow2);

        var e = await Assert.ThrowsExactlyAsync<LaunchException>(() => new CachedImageStore(_cache).ResolveAsync(spec, CancellationToken.None));

        Assert.AreEqual($"The image {path} is declared qcow2 but has no known image header (raw data); refusing to use it.", e.Message);
        Assert.AreEqual(0, _cache.Adds);
    }

    private static ImageSpec Spec(string path, string? sha256 = null) =>
        new(ImageKind.RootFilesystem, ImageLocation.FromHostPath(path), sha256: sha256);

    private (string Path, string Hex) Image(string name, byte seed)
    {
        var bytes = Enumerable.Range(0, 4096).Select(i => (byte)(seed + i)).ToArray();
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return (path, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }
}
