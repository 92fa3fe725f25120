using VmMiddleware.Host.DiskImages;
using VmMiddleware.Host.Processes;
using VmMiddleware.Integration.Tests.Support;
using VmMiddleware.Qemu.Cache;
using VmMiddleware.Qemu.Launch;
using VmMiddleware.Qemu.Storage;
using VmMiddleware.WorkUnits;

namespace VmMiddleware.Integration.Tests.Storage;

/// <summary>What reaches the execute-side image cache from a host path: a real qcow2 made by qemu-img, and a private file that only claims to be one.</summary>
[TestClass]
[TestCategory("Integration")]
public sealed class CachedImageStoreTests
{
    private const UnixFileMode Mode0640 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;

    [TestMethod]
    public async Task ResolveAsync_Qcow2WithMode0640_CacheObjectNoWiderAndNotWorldReadable()
    {
        using var dir = new TempDir();
        var image = Path.Combine(dir.Path, "private.qcow2");
        var made = await ToolRun.RunAsync(RequiredTool.Find("qemu-img"), ["create", "-q", "-f", "qcow2", image, "16M"], inheritEnvironment: true);
        Assert.AreEqual(0, made.ExitCode, made.Stderr);
        File.SetUnixFileMode(image, Mode0640);
        var cache = await ImageCache.OpenAsync(Path.Combine(dir.Path, "images"), ImageCache.DefaultCapBytes, TimeProvider.System, new QemuImg(ProcessRunner.Default, QemuEnvironment.Qemu.ImageToolOptions()));

        using var resolved = await new CachedImageStore(cache).ResolveAsync(
            new ImageSpec(ImageKind.BootableDisk, ImageLocation.FromHostPath(image), ImageFormat.Qcow2), CancellationToken.None);

        var mode = File.GetUnixFileMode(resolved.Top.Path);
        Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.GroupRead, mode);
        Assert.AreEqual((UnixFileMode)0, mode & ~Mode0640, "no wider than the source");
        Assert.AreEqual((UnixFileMode)0, mode & (UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute), "not world-readable");
    }

    [TestMethod]
    public async Task RunAsync_PrivateTextFileNamedAsQcow2Disk_RefusedBeforeAnythingIsCopied()
    {
        using var dir = new TempDir();
        var secret = Path.Combine(dir.Path, "shadow");
        File.WriteAllText(secret, "root:$y$j9T$secret:19000:0:99999:7:::\n");
        File.SetUnixFileMode(secret, Mode0640);
        var work = Path.Combine(dir.Path, "work");
        var unit = new WorkUnit
        {
            Name = "shadow",
            Image = new ImageSpec(ImageKind.BootableDisk, ImageLocation.FromHostPath(secret), ImageFormat.Qcow2),
            Command = new GuestCommand { Executable = "/bin/true" },
            Limits = Limits.Default,
        };
        var options = QemuEnvironment.Options(work) with { CacheRoot = Path.Combine(dir.Path, "cache") };

        var e = await Assert.ThrowsExactlyAsync<LaunchException>(() => new Launcher(options).RunAsync(unit, CancellationToken.None, CancellationToken.None));

        Assert.AreEqual($"The image {secret} is declared qcow2 but has no known image header (raw data); refusing to use it.", e.Message);
        var cached = Directory.Exists(options.CacheRoot) ? Directory.GetFiles(options.CacheRoot, "*", SearchOption.AllDirectories) : [];
        Assert.IsEmpty(cached, "nothing reached the cache: " + string.Join(", ", cached));
        Assert.IsFalse(File.Exists(Path.Combine(work, "console.log")), "QEMU never started");
    }
}
