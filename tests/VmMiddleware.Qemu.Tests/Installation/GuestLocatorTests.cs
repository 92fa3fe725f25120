using VmMiddleware.Host.Processes;
using VmMiddleware.Qemu.Installation;
using VmMiddleware.WorkUnits;

namespace VmMiddleware.Qemu.Tests.Installation;

/// <summary>Where the reference guest comes from: --guest, the configured directory, guest/ beside vmgrid, or a (cached) build from the source tree.</summary>
[TestClass]
public sealed class GuestLocatorTests
{
    private string _dir = null!;
    private readonly List<string> _progress = [];

    [TestInitialize]
    public void Setup() => _dir = Directory.CreateTempSubdirectory("vmgrid-guest-locator-").FullName;

    [TestCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    [TestMethod]
    public async Task LocateAsync_ExplicitDirectoryIncomplete_NamesTheOptionAndTheMissingFile()
    {
        var locator = Locator(configured: Guest("configured"));

        var e = await Assert.ThrowsExactlyAsync<GuestNotFoundException>(() => locator.LocateAsync(Path.Combine(_dir, "empty"), "--guest", _progress.Add, CancellationToken.None));

        StringAssert.StartsWith(e.Message, "--guest: The guest directory");
        StringAssert.Contains(e.Message, "has no vmlinux");
    }

    [TestMethod]
    public async Task LocateAsync_Configured_BeatsTheGuestBesideTheProgram()
    {
        var configured = Guest("configured");
        Guest("program/guest");
        var locator = Locator(configured: configured);

        var guest = await locator.LocateAsync(null, "--guest", _progress.Add, CancellationToken.None);

        Assert.AreEqual(configured, guest.Directory);
    }

    [TestMethod]
    public async Task LocateAsync_GuestBesideTheProgram_UsedWithoutBuilding()
    {
        var beside = Guest("program/guest");
        BuildScript("exit 99");

        var guest = await Locator().LocateAsync(null, "--guest", _progress.Add, CancellationToken.None);

        Assert.AreEqual(beside, guest.Directory);
        Assert.IsEmpty(_progress);
    }

    [TestMethod]
    public async Task LocateAsync_SourceTree_BuildsOnceThenReusesTheStampedBuild()
    {
        var log = new List<string>();
        BuildScript("""
            echo building >&2
            out="$1/guest-0123"; mkdir -p "$out"
            for f in vmlinux initramfs.cpio kernel.cmdline kernel-wait.cmdline manifest.json; do echo x > "$out/$f"; done
            echo "$out"
            """);
        var locator = Locator(buildLog: log.Add);

        var built = await locator.LocateAsync(null, "--guest", _progress.Add, CancellationToken.None);
        var again = await locator.LocateAsync(null, "--guest", _progress.Add, CancellationToken.None);

        Assert.AreEqual(Path.Combine(_dir, "cache", "guest", "guest-0123"), built.Directory);
        Assert.AreEqual(built, again);
        CollectionAssert.AreEqual(new[] { "building" }, log, "build.sh ran more than once");
        StringAssert.StartsWith(_progress[0], "building the reference guest with ");
        StringAssert.StartsWith(_progress[1], "using the reference guest " + built.Directory);
    }

    [TestMethod]
    public async Task LocateAsync_BuildFails_SaysSoWithTheScriptsErrorOutput()
    {
        BuildScript("echo 'apt-get: no network' >&2; exit 3");

        var e = await Assert.ThrowsExactlyAsync<GuestNotFoundException>(() => Locator().LocateAsync(null, "--guest", _progress.Add, CancellationToken.None));

        StringAssert.EndsWith(e.Message, "build.sh failed with exit code 3");
        Assert.AreEqual("apt-get: no network", ((ProcessFailedException)e.InnerException!).StandardErrorTail);
    }

    [TestMethod]
    public async Task LocateForJobAsync_NothingToFind_NullForABootableDiskButAnErrorOtherwise()
    {
        var locator = Locator();
        var job = Directory.CreateDirectory(Path.Combine(_dir, "job")).FullName;
        var disk = new WorkUnit { Name = "disk", Command = new GuestCommand { Executable = "/bin/true" }, Image = new ImageSpec(ImageKind.BootableDisk, ImageLocation.FromHostPath("/x.qcow2"), ImageFormat.Qcow2) };
        var root = disk with { Image = new ImageSpec(ImageKind.RootFilesystem, ImageLocation.FromHostPath("/x.qcow2"), ImageFormat.Qcow2) };

        Assert.IsNull(await locator.LocateForJobAsync(disk, null, job, job, _progress.Add, CancellationToken.None));
        await Assert.ThrowsExactlyAsync<GuestNotFoundException>(() => locator.LocateForJobAsync(root, null, job, job, _progress.Add, CancellationToken.None));
    }

    private GuestLocator Locator(string? configured = null, Action<string>? buildLog = null) => new(new GuestLocatorOptions
    {
        ConfiguredDirectory = configured,
        ProgramDirectory = Directory.CreateDirectory(Path.Combine(_dir, "program")).FullName,
        CurrentDirectory = Directory.CreateDirectory(Path.Combine(_dir, "cwd")).FullName,
        CacheRoot = Path.Combine(_dir, "cache"),
        BuildLog = buildLog,
        Runner = ProcessRunner.Default,
    });

    private string Guest(string relative)
    {
        var directory = Directory.CreateDirectory(Path.Combine(_dir, relative)).FullName;
        foreach (var file in new[] { "vmlinux", "initramfs.cpio", "kernel.cmdline" })
        {
            File.WriteAllText(Path.Combine(directory, file), "console=ttyS0");
        }

        return directory;
    }

    private void BuildScript(string body)
    {
        var guest = Directory.CreateDirectory(Path.Combine(_dir, "cwd", "src", "guest")).FullName;
        File.WriteAllText(Path.Combine(guest, "build.sh"), "#!/bin/bash\n" + body + "\n");
        File.WriteAllText(Path.Combine(guest, "init"), "#!/bin/sh\n");
    }
}
