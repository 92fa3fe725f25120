using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using VmMiddleware.Host.Processes;
using VmMiddleware.Remote.Jobs;

namespace VmMiddleware.Remote.Tests.Jobs;

[TestClass]
public sealed class JobFollowerTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("vmgrid-job-").FullName;

    [TestMethod]
    public async Task ReportAsync_LocalWithoutPid_IsIdle()
    {
        Ticket("local");

        Assert.AreEqual(JobState.Idle, (await Follower().ReportAsync(directory, CancellationToken.None)).Status.State);
    }

    [TestMethod]
    public async Task ReportAsync_LocalLauncherAlive_IsRunning()
    {
        Ticket("local");
        JobDirectory.WriteRunPid(directory, ProcessIdentity.Of(Environment.ProcessId)!);

        var status = (await Follower().ReportAsync(directory, CancellationToken.None)).Status;

        Assert.AreEqual(JobState.Running, status.State);
        Assert.AreEqual("launcher pid " + Environment.ProcessId, status.Native);
    }

    [TestMethod]
    public async Task ReportAsync_LocalLauncherGoneWithoutExit_IsFailed()
    {
        Ticket("local");
        JobDirectory.WriteRunPid(directory, new ProcessIdentity(Environment.ProcessId, 1));

        var status = (await Follower().ReportAsync(directory, CancellationToken.None)).Status;

        Assert.AreEqual(JobState.Failed, status.State);
        StringAssert.Contains(status.Reason, "without recording an exit code");
    }

    [TestMethod]
    public async Task ReportAsync_LocalFinished_GivesTheResultAndListsOutputs()
    {
        Ticket("local");
        Directory.CreateDirectory(Path.Combine(directory, "out", "sub"));
        File.WriteAllText(Path.Combine(directory, "out", "sub", "b.txt"), "b");
        File.WriteAllText(Path.Combine(directory, "out", "a.txt"), "a");
        File.WriteAllText(Path.Combine(directory, JobFiles.Result), """{"outcome":"GuestFailed","exitCode":3,"processExitCode":3}""");
        JobDirectory.WriteExit(directory, 3);

        var report = await Follower().ReportAsync(directory, CancellationToken.None);

        Assert.AreEqual(new JobStatus(JobState.Failed, 3, "the command exited 3", "launcher exited 3"), report.Status);
        CollectionAssert.AreEqual(new[] { "a.txt", "sub/b.txt" }, report.Outputs.Select(o => o.Path).ToArray());
        Assert.AreEqual("ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb", report.Outputs[0].Sha256);
    }

    [TestMethod]
    public async Task ReportAsync_GramStates_MapAndTheStagedResultDecidesTheEnd()
    {
        var state = "STAGE_IN\n";
        var runner = new FakeProcessRunner((_, _) => (0, state, ""));
        Ticket("rsl", gramJob: "https://h:1/2/3/");
        var follower = new JobFollower(runner, TimeProvider.System);

        var stagingIn = (await follower.ReportAsync(directory, CancellationToken.None)).Status;
        state = "PENDING\n";
        var pending = (await follower.ReportAsync(directory, CancellationToken.None)).Status;
        state = "ACTIVE\n";
        var active = (await follower.ReportAsync(directory, CancellationToken.None)).Status;
        state = "DONE\nexit code: 0\n";
        var forgotten = (await follower.ReportAsync(directory, CancellationToken.None)).Status;
        File.WriteAllText(Path.Combine(directory, JobFiles.LauncherStdout), """{"outcome":"Succeeded","exitCode":0,"processExitCode":0}""");
        state = "STAGE_OUT\n";
        var stagingOut = (await follower.ReportAsync(directory, CancellationToken.None)).Status;
        state = "DONE\nexit code: 0\n";
        var done = (await follower.ReportAsync(directory, CancellationToken.None)).Status;

        Assert.AreEqual(new JobStatus(JobState.Idle, null, "the GRAM job manager is staging the job's files in", "GRAM STAGE_IN"), stagingIn);
        Assert.AreEqual(new JobStatus(JobState.Idle, null, null, "GRAM PENDING"), pending);
        Assert.AreEqual(new JobStatus(JobState.Running, null, null, "GRAM ACTIVE"), active);
        Assert.AreEqual(JobState.Completed, forgotten.State);
        StringAssert.Contains(forgotten.Reason, "did not come back");
        Assert.AreEqual(new JobStatus(JobState.Running, null, null, "GRAM STAGE_OUT"), stagingOut);
        Assert.AreEqual(new JobStatus(JobState.Completed, 0, null, "GRAM DONE"), done);
        Assert.AreEqual("globusrun -status https://h:1/2/3/", runner.Calls[0]);
    }

    [TestMethod]
    public async Task CancelAsync_RunningLocalLauncher_InterruptsItAndReportsRemoved()
    {
        Ticket("local");
        using var sleeper = Process.Start(new ProcessStartInfo("sleep", "300") { UseShellExecute = false })!;
        var identity = ProcessIdentity.Of(sleeper.Id)!;
        JobDirectory.WriteRunPid(directory, identity);

        var report = await new JobFollower(new FakeProcessRunner((_, _) => (0, "", "")), TimeProvider.System).CancelAsync(directory, TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.IsTrue(sleeper.WaitForExit(10_000), "SIGINT should end the process");
        Assert.AreEqual(JobState.Removed, report.Status.State);
        Assert.IsTrue(JobDirectory.IsCancelled(directory));
    }

    [TestMethod]
    public async Task CancelAsync_FinishedJob_LeavesItAsItIs()
    {
        Ticket("local");
        JobDirectory.WriteExit(directory, 0);

        var report = await Follower().CancelAsync(directory, TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.AreEqual(JobState.Completed, report.Status.State);
        Assert.IsFalse(JobDirectory.IsCancelled(directory));
    }

    [TestMethod]
    public async Task ReportAsync_NoTicket_IsOneClearError()
    {
        var error = await Assert.ThrowsExactlyAsync<RemoteException>(() => Follower().ReportAsync(directory, CancellationToken.None));

        StringAssert.Contains(error.Message, "holds no vmgrid job");
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static JobFollower Follower() => new(new FakeProcessRunner((_, _) => (1, "", "unexpected")), new FakeTimeProvider());

    private void Ticket(string target, string? gramJob = null) =>
        JobDirectory.WriteTicket(directory, new JobTicket("hello-00000000", "hello", target, DateTimeOffset.UnixEpoch) { GramJob = gramJob });
}
