using System.Diagnostics;
using System.Globalization;
using VmMiddleware.Translation.Rsl;

namespace VmMiddleware.Integration.Tests.Gram;

/// <summary>The jobmanager-vm LRM adapter (gram-adapters/jobmanager-vm) under a real personal gatekeeper started with -jmtype vm.</summary>
[TestClass]
[TestCategory("Gram")]
public sealed class GramVmAdapterTests
{
    private static GramRig? rig;

    private static GramRig Rig => rig ?? throw new InvalidOperationException("the rig did not start");

    private static RslValue L(string text) => RslValue.Literal(text);

    [ClassInitialize]
    public static void StartRig(TestContext context)
    {
        rig = GramRig.Start("vm");
        context.WriteLine($"gram-rig.sh start (vm) took {rig.StartTime.TotalSeconds:F1} s");
    }

    [ClassCleanup]
    public static void StopRig() => rig?.Dispose();

    [TestMethod]
    public void Submit_Echo_EndsDoneWithExitCodeZeroAndItsOutput()
    {
        var work = Rig.NewWorkDirectory("echo");
        var request = new RslRequest(
            new RslRelation("executable", L("/bin/sh")),
            new RslRelation("arguments", L("-c"), L("echo \"$1 $GREETING\""), L("sh"), L("hello")),
            new RslRelation("environment", RslValue.Sequence(L("GREETING"), L("from the vm adapter, with \"quotes\" & $x"))),
            new RslRelation("directory", L(work)),
            new RslRelation("stdout", L(work + "/stdout")));

        var (exit, stdout, stderr) = Rig.Client("globusrun", "-r", Rig.Contact, RslWriter.Write(request));

        Assert.AreEqual(0, exit, stdout + stderr);
        StringAssert.Contains(stdout, "GLOBUS_GRAM_PROTOCOL_JOB_STATE_DONE");
        StringAssert.Contains(stdout, "exit code: 0");
        Assert.AreEqual("hello from the vm adapter, with \"quotes\" & $x\n", File.ReadAllText(Path.Combine(work, "stdout")));
    }

    [TestMethod]
    public void Submit_FailingCommand_ReportsItsExitCode()
    {
        var request = new RslRequest(new RslRelation("executable", L("/bin/sh")), new RslRelation("arguments", L("-c"), L("exit 7")));

        var (_, stdout, stderr) = Rig.Client("globusrun", "-r", Rig.Contact, RslWriter.Write(request));

        StringAssert.Contains(stdout, "exit code: 7", stderr);
    }

    [TestMethod]
    public void Submit_UnknownAttributeBesidesTheAdaptersOwn_IsRejectedWithError1()
    {
        var accepted = new RslRequest(new RslRelation("executable", L("/bin/true")), new RslRelation("vm_cancel_grace", L("5")), new RslRelation("dry_run", L("yes")));
        var rejected = accepted.With("vm_image", L("x"));

        Assert.AreEqual(41, Rig.Client("globusrun", "-r", Rig.Contact, RslWriter.Write(accepted)).ExitCode);
        Assert.AreEqual(1, Rig.Client("globusrun", "-r", Rig.Contact, RslWriter.Write(rejected)).ExitCode);
    }

    [TestMethod]
    public void Cancel_SleepingJob_EndsItsProcesses()
    {
        var work = Rig.NewWorkDirectory("cancel");
        var pidFile = Path.Combine(work, "sleep.pid");
        var request = new RslRequest(
            new RslRelation("executable", L("/bin/sh")),
            new RslRelation("arguments", L("-c"), L("sleep 100 & echo $! > sleep.pid; wait")),
            new RslRelation("directory", L(work)),
            new RslRelation("vm_cancel_grace", L("3")));

        var (exit, stdout, stderr) = Rig.Client("globusrun", "-q", "-b", "-r", Rig.Contact, RslWriter.Write(request));
        Assert.AreEqual(0, exit, stdout + stderr);
        var job = stdout.Split('\n').Single(line => line.StartsWith("https://", StringComparison.Ordinal)).Trim();
        var sleepPid = WaitFor(() => File.Exists(pidFile) && File.ReadAllText(pidFile).Trim().Length > 0, "the job to start")
            ? int.Parse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture)
            : 0;
        Assert.IsTrue(IsRunning(sleepPid), "sleep should run before the cancel");

        var cancel = Rig.Client("globus-job-cancel", "-f", job);

        Assert.AreEqual(0, cancel.ExitCode, cancel.Stdout + cancel.Stderr);
        Assert.IsTrue(WaitFor(() => !IsRunning(sleepPid), "sleep to end"), $"sleep (pid {sleepPid}) still runs after the cancel");
    }

    [TestMethod]
    public void Submit_WorkUnitJob_PendingUntilTheLauncherWritesTheRunningFileThenActiveThenDone()
    {
        // A stand-in for the launcher that the test steps through with gate files: no timing decides what is seen.
        var work = Rig.NewWorkDirectory("pending");
        var request = new RslRequest(
            new RslRelation("executable", L("/bin/sh")),
            new RslRelation("arguments", L("-c"), L(
                "echo \"$VMMIDDLEWARE_RUNNING_FILE\" > running-file; while [ ! -e boot ]; do sleep 0.1; done; " +
                "echo running > \"$VMMIDDLEWARE_RUNNING_FILE.tmp\" && mv \"$VMMIDDLEWARE_RUNNING_FILE.tmp\" \"$VMMIDDLEWARE_RUNNING_FILE\"; " +
                "while [ ! -e finish ]; do sleep 0.1; done; exit 0")),
            new RslRelation("environment", RslValue.Sequence(L("VMMIDDLEWARE_WORKUNIT"), L("pending"))),
            new RslRelation("directory", L(work)));

        var job = Rig.SubmitBatch(request);
        var seen = new List<string>();

        Rig.WaitForJobState(job, "PENDING", seen);
        WaitFor(() => File.Exists(Path.Combine(work, "running-file")), "the job to start");
        StringAssert.EndsWith(File.ReadAllText(Path.Combine(work, "running-file")).Trim(), "/vm-running");
        Assert.AreEqual("PENDING", Rig.JobState(job, seen), "the job left PENDING before its guest ran");
        File.WriteAllText(Path.Combine(work, "boot"), string.Empty);
        Rig.WaitForJobState(job, "ACTIVE", seen);
        File.WriteAllText(Path.Combine(work, "finish"), string.Empty);
        Rig.WaitForJobState(job, "DONE", seen);

        Console.WriteLine("globusrun -status saw: " + string.Join(" -> ", seen));
        CollectionAssert.AreEqual(new[] { "PENDING", "ACTIVE", "DONE" }, seen.Where((s, i) => i == 0 || seen[i - 1] != s).ToArray(), string.Join(", ", seen));
    }

    [TestMethod]
    public void Submit_PlainJob_IsActiveAtOnceNeverPending()
    {
        var work = Rig.NewWorkDirectory("plain");
        var request = new RslRequest(
            new RslRelation("executable", L("/bin/sh")),
            new RslRelation("arguments", L("-c"), L("while [ ! -e finish ]; do sleep 0.1; done")),
            new RslRelation("directory", L(work)));

        var job = Rig.SubmitBatch(request);
        var seen = new List<string>();

        Assert.AreEqual("ACTIVE", Rig.JobState(job, seen));
        File.WriteAllText(Path.Combine(work, "finish"), string.Empty);
        Rig.WaitForJobState(job, "DONE", seen);

        CollectionAssert.AreEqual(new[] { "ACTIVE", "DONE" }, seen.Where((s, i) => i == 0 || seen[i - 1] != s).ToArray(), string.Join(", ", seen));
    }

    // A killed process whose parent is gone may stay a zombie where init does not reap: that counts as ended.
    private static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static bool WaitFor(Func<bool> condition, string what)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (condition())
            {
                return true;
            }

            Thread.Sleep(200);
        }

        Assert.Fail("timed out waiting for " + what);
        return false;
    }
}
