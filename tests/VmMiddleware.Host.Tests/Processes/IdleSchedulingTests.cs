using VmMiddleware.Host.Processes;

namespace VmMiddleware.Host.Tests.Processes;

[TestClass]
public sealed class IdleSchedulingTests
{
    // Field 41 of /proc/PID/stat is the scheduling policy; SCHED_IDLE is 5, SCHED_OTHER 0.
    private const string PolicyOfShell = "echo $PPID; cut -d' ' -f41 /proc/$$/stat";

    [TestMethod]
    public void Wrap_ChrtInstalled_RunsTheProgramThroughChrtIdle()
    {
        var chrt = IdleScheduling.Chrt ?? throw new AssertFailedException("chrt (util-linux) is not installed");

        var (program, arguments) = IdleScheduling.Wrap("/usr/bin/qemu-img", ["info", "x.qcow2"]);

        Assert.AreEqual(chrt, program);
        CollectionAssert.AreEqual(new[] { "--idle", "0", "/usr/bin/qemu-img", "info", "x.qcow2" }, arguments.ToArray());
    }

    [TestMethod]
    public async Task Wrap_RealChild_RunsUnderSchedIdleAsThisProcessChild()
    {
        var (program, arguments) = IdleScheduling.Wrap("sh", ["-c", PolicyOfShell]);

        var result = await new ProcessRunner(new ProcessRunnerOptions()).RunAsync(new ProcessCommand(program, arguments));
        var lines = result.EnsureSuccess().StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        // The parent-death guard and chrt both exec: the program is this process's own child, so the guard's signal reaches it.
        Assert.AreEqual(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), lines[0]);
        Assert.AreEqual("5", lines[1], "SCHED_IDLE");
    }

    [TestMethod]
    public async Task RunAsync_Unwrapped_RunsUnderTheNormalPolicy()
    {
        var result = await new ProcessRunner(new ProcessRunnerOptions()).RunAsync(new ProcessCommand("sh", ["-c", PolicyOfShell]));

        Assert.AreEqual("0", result.EnsureSuccess().StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1]);
    }
}
