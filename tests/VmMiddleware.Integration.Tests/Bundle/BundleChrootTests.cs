using System.Runtime.Versioning;
using VmMiddleware.Integration.Tests.Support;
using VmMiddleware.Qemu.Bundle;

namespace VmMiddleware.Integration.Tests.Bundle;

/// <summary>The QEMU bundle boots the reference guest and runs a work unit on a "host" with no QEMU, no /usr, no /lib, as uid 65534.</summary>
[TestClass]
[TestCategory("Integration")]
[SupportedOSPlatform("linux")]
public sealed class BundleChrootTests
{
    [TestMethod]
    public async Task Bundle_InRootWithoutUsr_BootsGuestAndRunsWorkUnitAsNobody()
    {
        var guest = await GuestArtifacts.DirectoryAsync();
        using var root = await ExecuteHostRoot.CreateAsync();
        var installation = QemuBundle.Extract(BuiltBundle.Archive, root.At("qemu"));
        foreach (var name in new[] { "vmlinux", "initramfs.cpio" })
        {
            File.Copy(Path.Combine(guest, name), root.At("job/" + name));
        }

        var userData = Path.Combine(RepoPaths.Root, "src", "guest", "examples", "user-data.example");
        GuestJobDisks.Write(root.At("job"), File.ReadAllText(userData), new Dictionary<string, string> { ["a.txt"] = "hello chroot\n" });
        File.SetUnixFileMode(root.At("job/out.img"), (UnixFileMode)Convert.ToInt32("666", 8));
        var cmdline = File.ReadAllText(Path.Combine(guest, "kernel.cmdline")).Trim() + " vmgrid.wait=1";

        foreach (var hostDir in new[] { "usr", "lib", "lib64", "etc" })
        {
            Assert.IsFalse(Path.Exists(root.At(hostDir)), $"the root must not have /{hostDir}");
        }

        var probe = await root.RunAsync(["/bin/sh", "-c", "ls /usr /lib /lib64 /etc 2>/dev/null; id -u"]);
        Assert.AreEqual("65534", probe.Stdout.Trim(), "inside the root nothing of the host's /usr, /lib or /etc is visible: " + probe);
        Assert.AreEqual("/tmp/x/qemu/bin/qemu-system-x86_64", installation.Binary.Replace(root.Path, "/tmp/x", StringComparison.Ordinal));

        var run = await root.RunAsync(
            QemuCommand(cmdline).Concat(GuestJobDisks.DriveArguments("/job")),
            environment: new Dictionary<string, string> { ["QEMU_MODULE_DIR"] = "/qemu/lib/qemu" },
            timeout: TimeSpan.FromSeconds(90));

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        foreach (var marker in new[] { "VMGRID:BOOTED", "VMGRID:START", "VMGRID:EXIT 3", "VMGRID:DONE" })
        {
            StringAssert.Contains(run.Stdout, marker, run.ToString());
        }

        var outputs = GuestJobDisks.ReadOutputs(root.At("job/out.img"));
        Assert.AreEqual("HELLO CHROOT\n", outputs["result.txt"]);
        Assert.AreEqual("3\n", outputs[".vmgrid/exit_code"]);
        StringAssert.Contains(outputs["stdout"], "arg=first arg GREETING=hello world");
    }

    [TestMethod]
    public async Task Bundle_InRootWithoutModuleDir_CannotFindTcgSoTheRootIsReallyIsolated()
    {
        using var root = await ExecuteHostRoot.CreateAsync();
        QemuBundle.Extract(BuiltBundle.Archive, root.At("qemu"));

        var run = await root.RunAsync(QemuCommand("console=ttyS0").Concat(["-S"]), timeout: TimeSpan.FromSeconds(30));

        Assert.AreNotEqual(0, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Stderr, "could not load module for type 'tcg-accel-ops'");
    }

    private static string[] QemuCommand(string cmdline) =>
    [
        "/qemu/lib/ld-linux-x86-64.so.2", "--library-path", "/qemu/lib", "/qemu/bin/qemu-system-x86_64",
        "-L", "/qemu/share/qemu", "-machine", "pc,accel=tcg", "-nodefaults", "-no-user-config", "-display", "none",
        "-serial", "stdio", "-m", "256", "-smp", "1", "-no-reboot",
        "-kernel", "/job/vmlinux", "-initrd", "/job/initramfs.cpio", "-append", cmdline,
    ];
}
