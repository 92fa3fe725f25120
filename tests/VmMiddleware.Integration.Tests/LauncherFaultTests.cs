using VmMiddleware.Qemu.Installation;
using VmMiddleware.Qemu.Launch;
using VmMiddleware.WorkUnits;

namespace VmMiddleware.Integration.Tests;

[TestClass]
[TestCategory("Integration")]
public sealed class LauncherFaultTests
{
    [TestMethod]
    public async Task Run_SleepPastWallTime_TimedOutAndQemuGone()
    {
        var work = QemuEnvironment.NewWorkDirectory("walltime");
        var unit = QemuEnvironment.Shell("walltime", "sleep 1000", Limits.Default with { WallTime = TimeSpan.FromSeconds(8) });

        var result = await QemuEnvironment.RunAsync(unit, work);

        Assert.AreEqual(LaunchOutcome.TimedOut, result.Outcome, result.Reason + "\n" + result.ConsoleTail);
        Assert.AreEqual(LaunchExitCodes.TimedOut, LaunchExitCodes.For(result));
        Assert.IsFalse(QemuEnvironment.IsRunning(result.QemuPid!.Value));
        Assert.IsTrue(result.Timings.Total < TimeSpan.FromSeconds(20), result.Timings.Total.ToString());
    }

    [TestMethod]
    public async Task Run_HeartbeatLoopStopped_HungAndQemuGone()
    {
        var work = QemuEnvironment.NewWorkDirectory("hung");
        // The agent's heartbeat loop is a subshell of /init (parent pid 1, same command line): stop it, then sleep.
        const string Script = """
            for d in /proc/[0-9]*; do
              p=${d#/proc/}
              [ "$p" = 1 ] && continue
              ppid=$(awk '/^PPid:/ { print $2 }' "$d/status" 2>/dev/null)
              [ "$ppid" = 1 ] && grep -q '/init' "$d/cmdline" 2>/dev/null && kill -STOP "$p"
            done
            sleep 1000
            """;
        var unit = QemuEnvironment.Shell("hung", Script, Limits.Default with { HeartbeatTimeout = TimeSpan.FromSeconds(4), WallTime = TimeSpan.FromMinutes(2) });

        var result = await QemuEnvironment.RunAsync(unit, work);

        Assert.AreEqual(LaunchOutcome.Hung, result.Outcome, result.Reason + "\n" + result.ConsoleTail);
        StringAssert.Contains(result.Reason, "no heartbeat for 4 s");
        Assert.IsFalse(QemuEnvironment.IsRunning(result.QemuPid!.Value));
    }

    [TestMethod]
    public async Task Run_KernelPanicsBeforeAgent_NeverBooted()
    {
        var work = QemuEnvironment.NewWorkDirectory("panic");
        var guest = QemuEnvironment.Guest;
        var broken = Directory.CreateTempSubdirectory("vmgrid-it-brokenguest-").FullName;
        File.CreateSymbolicLink(Path.Combine(broken, "vmlinux"), guest.Kernel);
        File.CreateSymbolicLink(Path.Combine(broken, "initramfs.cpio"), guest.Initramfs);
        // No init in the initramfs and no root device: the kernel panics, panic=-1 reboots, -no-reboot ends QEMU.
        File.WriteAllText(Path.Combine(broken, "kernel.cmdline"), guest.CommandLine + " rdinit=/no-such-init panic=-1");
        var options = QemuEnvironment.Options(work) with { Guest = GuestKernel.Load(broken) };

        var result = await new Launcher(options).RunAsync(QemuEnvironment.Shell("panic", "true"), CancellationToken.None, CancellationToken.None);

        Assert.AreEqual(LaunchOutcome.NeverBooted, result.Outcome, result.Reason + "\n" + result.ConsoleTail);
        Assert.AreEqual(LaunchExitCodes.NeverBooted, LaunchExitCodes.For(result));
        Assert.IsFalse(QemuEnvironment.IsRunning(result.QemuPid!.Value));
    }

    [TestMethod]
    public async Task Run_BogusKernel_NeverBootedWithQemuMessage()
    {
        var work = QemuEnvironment.NewWorkDirectory("bogus");
        var broken = Directory.CreateTempSubdirectory("vmgrid-it-bogusguest-").FullName;
        File.WriteAllBytes(Path.Combine(broken, "vmlinux"), new byte[4096]);
        File.CreateSymbolicLink(Path.Combine(broken, "initramfs.cpio"), QemuEnvironment.Guest.Initramfs);
        File.WriteAllText(Path.Combine(broken, "kernel.cmdline"), QemuEnvironment.Guest.CommandLine);
        var options = QemuEnvironment.Options(work) with { Guest = GuestKernel.Load(broken), BootTimeout = TimeSpan.FromSeconds(20) };

        var result = await new Launcher(options).RunAsync(QemuEnvironment.Shell("bogus", "true"), CancellationToken.None, CancellationToken.None);

        Assert.AreEqual(LaunchOutcome.NeverBooted, result.Outcome, result.Reason + "\n" + result.ConsoleTail);
    }

    [TestMethod]
    public async Task Run_QemuKilledMidRun_QemuCrashedWithSignal()
    {
        var work = QemuEnvironment.NewWorkDirectory("qemukill");
        var started = new TaskCompletionSource();
        var run = QemuEnvironment.RunAsync(QemuEnvironment.Shell("qemukill", "sleep 60"), work, line =>
        {
            if (line.Contains("command started", StringComparison.Ordinal))
            {
                started.TrySetResult();
            }
        });
        await started.Task.WaitAsync(TimeSpan.FromSeconds(90));
        var pid = QemuEnvironment.RecordedQemuPid(work)!.Value;

        QemuEnvironment.Signal(pid, "KILL");
        var result = await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.AreEqual(LaunchOutcome.QemuCrashed, result.Outcome, result.Reason);
        StringAssert.Contains(result.Reason, "signal 9");
        Assert.AreEqual(pid, result.QemuPid);
    }
}
