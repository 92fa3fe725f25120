using VmMiddleware.Qemu.Launch;
using VmMiddleware.WorkUnits;

namespace VmMiddleware.Integration.Tests;

[TestClass]
[TestCategory("Integration")]
public sealed class LauncherHostileGuestTests
{
    [TestMethod]
    public async Task Run_GuestWritesSymlinkToEtcPasswd_RefusedNamingEntrySafeOutputsKept()
    {
        var work = QemuEnvironment.NewWorkDirectory("hostile");
        var unit = QemuEnvironment.Shell("hostile", "echo fine > out/ok.txt; ln -s /etc/passwd out/leak; echo visible; echo oops >&2; exit 0");

        var result = await QemuEnvironment.RunAsync(unit, work);

        Assert.AreEqual(LaunchOutcome.OutputRefused, result.Outcome, result.Reason + "\n" + result.ConsoleTail);
        StringAssert.Contains(result.Reason, "'./leak'");
        StringAssert.Contains(result.Reason, "/etc/passwd");
        Assert.AreEqual(LaunchExitCodes.OutputRefused, LaunchExitCodes.For(result));
        Assert.AreEqual(0, result.ExitCode);
        Assert.AreEqual("fine\n", File.ReadAllText(Path.Combine(work, "out", "ok.txt")));
        Assert.AreEqual("visible\n", File.ReadAllText(Path.Combine(work, "out", "stdout")));
        Assert.AreEqual("oops\n", File.ReadAllText(Path.Combine(work, "out", "stderr")));
        Assert.IsFalse(Path.Exists(Path.Combine(work, "out", "leak")));
        CollectionAssert.AreEquivalent(new[] { "console.log", "out" }, Directory.GetFileSystemEntries(work).Select(Path.GetFileName).ToArray());
    }

    [TestMethod]
    public async Task Run_GuestWritesPathOf4061Characters_RefusedNamingEntryStdoutKept()
    {
        // 20 directories of 200 characters and a 39-character file: 4,059 characters under out/, "./" + that in the tar.
        var directories = string.Join('/', Enumerable.Repeat(new string('d', 200), 20));
        var work = QemuEnvironment.NewWorkDirectory("longpath");
        var unit = QemuEnvironment.Shell(
            "longpath", $"mkdir -p out/{directories} && echo deep > out/{directories}/{new string('f', 39)} && echo visible && echo oops >&2; exit 3");

        var result = await QemuEnvironment.RunAsync(unit, work);

        Assert.AreEqual(LaunchOutcome.OutputRefused, result.Outcome, result.Reason + "\n" + result.ConsoleTail);
        StringAssert.Contains(result.Reason, "output entry './" + new string('d', 62));
        StringAssert.Contains(result.Reason, "too long for the host");
        Assert.AreEqual(LaunchExitCodes.OutputRefused, LaunchExitCodes.For(result));
        Assert.AreEqual(3, result.ExitCode);
        Assert.AreEqual("visible\n", File.ReadAllText(Path.Combine(work, "out", "stdout")));
        Assert.AreEqual("oops\n", File.ReadAllText(Path.Combine(work, "out", "stderr")));
        Assert.IsFalse(Directory.Exists(Path.Combine(work, "vm")));
    }

    [TestMethod]
    public async Task Run_GuestWritesPaxHeaderClaiming3GiB_RefusedNamingHeaderEntriesBeforeItKept()
    {
        // The hostile command writes the crafted volume to the output disk itself, then bind-mounts a file over the disk's
        // device node, so the agent's own "tar -c -f /dev/vdX" lands in that file and the disk keeps the crafted bytes.
        var work = QemuEnvironment.NewWorkDirectory("pax");
        var evil = Path.Combine(work, "..", Path.GetFileName(work) + "-evil.tar");
        File.WriteAllBytes(evil, PaxBomb());
        const string Script = """
            for d in /sys/block/*; do s=; read -r s < "$d/serial" 2>/dev/null; [ "$s" = vmgrid-output ] && dev=/dev/${d##*/}; done
            cat /work/in/evil.tar > "$dev" && sync && : > /work/sink && mount -o bind /work/sink "$dev" && echo visible
            """;
        var unit = QemuEnvironment.Shell("pax", Script) with { Inputs = [new InputItem(Path.GetFullPath(evil), "evil.tar")] };

        var result = await QemuEnvironment.RunAsync(unit, work);

        Assert.AreEqual(LaunchOutcome.OutputRefused, result.Outcome, result.Reason + "\n" + result.ConsoleTail);
        StringAssert.Contains(result.Reason, "output entry './PaxHeaders/evil' refused: its PAX extended header claims 3221225472 bytes");
        Assert.AreEqual(LaunchExitCodes.OutputRefused, LaunchExitCodes.For(result));
        Assert.AreEqual(0, result.ExitCode);
        Assert.AreEqual("from the crafted volume\n", File.ReadAllText(Path.Combine(work, "out", "stdout")));
        Assert.IsFalse(Directory.Exists(Path.Combine(work, "vm")));
        File.Delete(evil);
    }

    [TestMethod]
    public async Task Run_GuestOutputOverLimit_Refused()
    {
        var work = QemuEnvironment.NewWorkDirectory("big");
        var unit = QemuEnvironment.Shell("big", "head -c 300000 /dev/zero > out/big.bin", Limits.Default with { MaxOutputBytes = 100_000 });

        var result = await QemuEnvironment.RunAsync(unit, work);

        Assert.AreEqual(LaunchOutcome.OutputRefused, result.Outcome, result.Reason + "\n" + result.ConsoleTail);
        StringAssert.Contains(result.Reason, "big.bin");
        Assert.IsFalse(File.Exists(Path.Combine(work, "out", "big.bin")));
        Assert.IsTrue(File.Exists(Path.Combine(work, "out", "stdout")));
    }

    /// <summary>A tar holding stdout, then a PAX extended header whose size field claims 3 GiB.</summary>
    private static byte[] PaxBomb()
    {
        using var archive = new MemoryStream();
        using (var writer = new System.Formats.Tar.TarWriter(archive, System.Formats.Tar.TarEntryFormat.Ustar, leaveOpen: true))
        {
            using var data = new MemoryStream("from the crafted volume\n"u8.ToArray());
            writer.WriteEntry(new System.Formats.Tar.UstarTarEntry(System.Formats.Tar.TarEntryType.RegularFile, "./stdout") { DataStream = data });
        }

        var bytes = archive.ToArray()[..^1024].ToList(); // without the two end-of-archive records
        var header = new byte[512];
        System.Text.Encoding.ASCII.GetBytes("./PaxHeaders/evil").CopyTo(header, 0);
        System.Text.Encoding.ASCII.GetBytes("0000644\0" + "0000000\0" + "0000000\0" + "30000000000\0" + "00000000000\0").CopyTo(header, 100);
        header[156] = (byte)'x';
        System.Text.Encoding.ASCII.GetBytes("ustar\0" + "00").CopyTo(header, 257);
        header.AsSpan(148, 8).Fill((byte)' ');
        System.Text.Encoding.ASCII.GetBytes(Convert.ToString(header.Sum(b => b), 8).PadLeft(6, '0') + "\0 ").CopyTo(header, 148);
        bytes.AddRange(header);
        bytes.AddRange(new byte[4096]);
        return [.. bytes];
    }
}
