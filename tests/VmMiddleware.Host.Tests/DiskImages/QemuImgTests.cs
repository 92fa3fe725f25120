using VmMiddleware.Host.DiskImages;
using VmMiddleware.Host.Processes;

namespace VmMiddleware.Host.Tests.DiskImages;

/// <summary>The qemu-img client against the real qemu-img (Debian's qemu-utils, installed by scripts/setup.sh).</summary>
[TestClass]
public sealed class QemuImgTests
{
    private const long MiB = 1 << 20;

    private static QemuImg Client(QemuImgOptions? options = null)
    {
        var program = ProgramSearch.Find("qemu-img", ProgramSearch.SystemDirectories)
            ?? throw new AssertFailedException("qemu-img is not installed; scripts/setup.sh installs qemu-utils");
        return new QemuImg(ProcessRunner.Default, options ?? new QemuImgOptions(program));
    }

    [TestMethod]
    public async Task CreateAsync_Qcow2_InfoReportsFormatAndSize()
    {
        using var dir = new TempDirectory();
        var image = dir.File("disk.qcow2");

        await Client().CreateAsync(image, "qcow2", 8 * MiB);
        var info = await Client().InfoAsync(image);

        Assert.AreEqual("qcow2", info.Format);
        Assert.AreEqual(8 * MiB, info.VirtualSizeBytes);
        Assert.IsGreaterThan(0L, info.ActualSizeBytes);
        Assert.IsNull(info.BackingFile);
        Assert.IsNull(info.FullBackingFile);
    }

    [TestMethod]
    public async Task CreateOverlayAsync_BackingChain_InfoNamesTheBackingAsWrittenAndResolved()
    {
        using var dir = new TempDirectory();
        var qemuImg = Client();
        await qemuImg.CreateAsync(dir.File("base.qcow2"), "qcow2", 4 * MiB);
        await qemuImg.CreateOverlayAsync(dir.File("middle.qcow2"), "base.qcow2");
        await qemuImg.CreateOverlayAsync(dir.File("top.qcow2"), "middle.qcow2", sizeBytes: 16 * MiB, openBacking: false);

        var middle = await qemuImg.InfoAsync(dir.File("middle.qcow2"));
        var top = await qemuImg.InfoAsync(dir.File("top.qcow2"));

        Assert.AreEqual(("base.qcow2", dir.File("base.qcow2"), 4 * MiB), (middle.BackingFile, middle.FullBackingFile, middle.VirtualSizeBytes));
        Assert.AreEqual(("middle.qcow2", dir.File("middle.qcow2"), 16 * MiB), (top.BackingFile, top.FullBackingFile, top.VirtualSizeBytes));
        Assert.AreEqual(0, (await qemuImg.CheckAsync(dir.File("top.qcow2"))).ExitCode);
    }

    [TestMethod]
    public async Task ConvertAsync_ChainToRaw_FlattensTheBaseData()
    {
        using var dir = new TempDirectory();
        var qemuImg = Client();
        var pattern = new byte[2 * MiB];
        new Random(5).NextBytes(pattern);
        await File.WriteAllBytesAsync(dir.File("source.raw"), pattern);
        await qemuImg.ConvertAsync(dir.File("source.raw"), dir.File("base.qcow2"), "qcow2", "raw");
        await qemuImg.CreateOverlayAsync(dir.File("top.qcow2"), "base.qcow2");

        await qemuImg.ConvertAsync(dir.File("top.qcow2"), dir.File("flat.raw"), "raw");

        Assert.AreEqual("raw", (await qemuImg.InfoAsync(dir.File("flat.raw"))).Format);
        CollectionAssert.AreEqual(pattern, await File.ReadAllBytesAsync(dir.File("flat.raw")));
    }

    [TestMethod]
    public async Task RebaseUnsafeAsync_And_ResizeAsync_RewriteTheHeader()
    {
        using var dir = new TempDirectory();
        var qemuImg = Client();
        await qemuImg.CreateAsync(dir.File("a.qcow2"), "qcow2", 4 * MiB);
        await qemuImg.CreateOverlayAsync(dir.File("top.qcow2"), "a.qcow2");
        File.Copy(dir.File("a.qcow2"), dir.File("b.qcow2"));

        await qemuImg.RebaseUnsafeAsync(dir.File("top.qcow2"), "b.qcow2");
        await qemuImg.ResizeAsync(dir.File("top.qcow2"), "qcow2", 32 * MiB);
        var info = await qemuImg.InfoAsync(dir.File("top.qcow2"));

        Assert.AreEqual(("b.qcow2", 32 * MiB), (info.BackingFile, info.VirtualSizeBytes));
    }

    [TestMethod]
    public async Task InfoAsync_CorruptQcow2_FailsWithQemuImgsMessage()
    {
        using var dir = new TempDirectory();
        var corrupt = dir.File("corrupt.qcow2");
        // A qcow2 magic and version 3, then a cluster size of 2^63: qemu-img refuses to open it.
        var header = new byte[512];
        byte[] magic = [(byte)'Q', (byte)'F', (byte)'I', 0xfb];
        magic.CopyTo(header, 0);
        header[7] = 3;
        header[23] = 63;
        await File.WriteAllBytesAsync(corrupt, header);

        var e = await Assert.ThrowsExactlyAsync<ProcessFailedException>(() => Client().InfoAsync(corrupt));

        Assert.AreEqual(1, e.ExitCode);
        StringAssert.Contains(e.StandardErrorTail, corrupt);
        StringAssert.Contains(e.CommandLine, "info -U --output=json " + corrupt);
    }

    [TestMethod]
    public async Task InfoAsync_ThroughTheDynamicLoader_SameAnswer()
    {
        using var dir = new TempDirectory();
        var loader = "/lib64/ld-linux-x86-64.so.2";
        Assert.IsTrue(File.Exists(loader), loader + " is missing");
        var direct = Client();
        await direct.CreateAsync(dir.File("disk.qcow2"), "qcow2", MiB);

        var loaded = Client(direct.Options with { Loader = loader });

        Assert.AreEqual(await direct.InfoAsync(dir.File("disk.qcow2")), await loaded.InfoAsync(dir.File("disk.qcow2")));
    }

    [TestMethod]
    public void ParseInfo_Layer_ReturnsFullBackingFilename()
    {
        var json = """{ "virtual-size": 1048576, "filename": "/c/top.qcow2", "format": "qcow2", "backing-filename": "base.raw", "full-backing-filename": "/c/base.raw", "backing-filename-format": "raw" }""";

        var info = QemuImg.ParseInfo(json, "/c/top.qcow2");

        Assert.AreEqual(new ImageInfo("qcow2", 1048576, 0, "base.raw", "/c/base.raw"), info);
    }

    [TestMethod]
    public void ParseInfo_OnlyRelativeBackingName_ResolvesAgainstImageDirectory()
    {
        var info = QemuImg.ParseInfo("""{ "format": "qcow2", "backing-filename": "base.raw" }""", "/images/top.qcow2");

        Assert.AreEqual("/images/base.raw", info.FullBackingFile);
    }

    [TestMethod]
    public void ParseInfo_Raw_HasNoBacking()
    {
        var info = QemuImg.ParseInfo("""{ "format": "raw", "virtual-size": 512 }""", "/x.img");

        Assert.AreEqual(("raw", (string?)null, (string?)null), (info.Format, info.BackingFile, info.FullBackingFile));
    }

    [TestMethod]
    public async Task InfoAsync_IdleScheduling_RealQemuImgRunsAndAnswers()
    {
        using var dir = new TempDirectory();
        var program = ProgramSearch.Find("qemu-img", ProgramSearch.SystemDirectories)!;
        await Client().CreateAsync(dir.File("disk.qcow2"), "qcow2", 8 * MiB);

        var info = await Client(new QemuImgOptions(program) { IdleScheduling = true }).InfoAsync(dir.File("disk.qcow2"));

        Assert.AreEqual(("qcow2", 8 * MiB), (info.Format, info.VirtualSizeBytes));
    }

    [TestMethod]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task InfoAsync_IdleScheduling_ToolRunsUnderSchedIdle()
    {
        using var dir = new TempDirectory();
        // A stand-in qemu-img that answers info with its own scheduling policy (field 41 of /proc/PID/stat; SCHED_IDLE is 5) as the size.
        var tool = dir.File("qemu-img");
        await File.WriteAllTextAsync(tool, "#!/bin/sh\necho \"{\\\"format\\\": \\\"raw\\\", \\\"virtual-size\\\": $(cut -d' ' -f41 /proc/$$/stat)}\"\n");
        File.SetUnixFileMode(tool, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var idle = await new QemuImg(ProcessRunner.Default, new QemuImgOptions(tool) { IdleScheduling = true }).InfoAsync("x");
        var normal = await new QemuImg(ProcessRunner.Default, new QemuImgOptions(tool)).InfoAsync("x");

        Assert.AreEqual((5L, 0L), (idle.VirtualSizeBytes, normal.VirtualSizeBytes));
    }
}
