using VmMiddleware.Remote.Jobs;

namespace VmMiddleware.Cli.Tests.Verbs;

/// <summary>vmgrid status, fetch, cancel and submit --gateway as a user runs them, on job directories and a private catalogue (no gateway needed).</summary>
[TestClass]
public sealed class StatusVerbTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("vmgrid-status-").FullName;

    private Dictionary<string, string> Environment => new() { ["VMMIDDLEWARE_CATALOGUE"] = Path.Combine(directory, "jobs.db"), ["HOME"] = directory };

    [TestMethod]
    public void Status_EmptyCatalogue_ListsNothing()
    {
        var (exit, stdout, stderr) = VmgridProcessTests.Run("status", environment: Environment);

        Assert.AreEqual(0, exit, stderr);
        Assert.AreEqual(string.Empty, stdout);
        Assert.IsTrue(File.Exists(Path.Combine(directory, "jobs.db")));
    }

    [TestMethod]
    public void Status_UnknownJob_IsOneLine()
    {
        var (exit, _, stderr) = VmgridProcessTests.Run("status nosuch-job", environment: Environment);

        Assert.AreEqual(1, exit);
        Assert.AreEqual($"vmgrid: no job 'nosuch-job' in the catalogue ({Path.Combine(directory, "jobs.db")}); give the job's id, its directory, or --gateway for a job submitted from elsewhere\n", stderr);
    }

    [TestMethod]
    public void StatusAndFetch_FinishedJobDirectory_ReportAndCopyTheOutputs()
    {
        var job = Path.Combine(directory, "job");
        Directory.CreateDirectory(Path.Combine(job, "out"));
        File.WriteAllText(Path.Combine(job, "out", "sum.txt"), "sum=31\n");
        JobDirectory.WriteTicket(job, new JobTicket("hello-1", "hello", "local", DateTimeOffset.UnixEpoch));
        File.WriteAllText(Path.Combine(job, JobFiles.Result), """{"outcome":"GuestFailed","exitCode":3,"processExitCode":3,"reason":"the command exited 3"}""");
        JobDirectory.WriteExit(job, 3);

        var status = VmgridProcessTests.Run($"status {job}", environment: Environment);
        var fetch = VmgridProcessTests.Run($"fetch {job} -o {Path.Combine(directory, "copy")}", environment: Environment);

        Assert.AreEqual("hello-1  failed (exit code 3): the command exited 3 [launcher exited 3]\n", status.Stdout, status.Stderr);
        Assert.AreEqual(0, fetch.Exit, fetch.Stderr);
        Assert.AreEqual("sum=31\n", File.ReadAllText(Path.Combine(directory, "copy", "sum.txt")));
    }

    [TestMethod]
    public void Fetch_JobStillRunning_IsRefused()
    {
        var job = Path.Combine(directory, "running");
        Directory.CreateDirectory(job);
        JobDirectory.WriteTicket(job, new JobTicket("sleeper-1", "sleeper", "local", DateTimeOffset.UnixEpoch));
        JobDirectory.WriteRunPid(job, Host.Processes.ProcessIdentity.Of(System.Environment.ProcessId)!);

        var (exit, _, stderr) = VmgridProcessTests.Run($"fetch {job}", environment: Environment);

        Assert.AreEqual(1, exit);
        StringAssert.StartsWith(stderr, "vmgrid: job sleeper-1 is running [launcher pid ");
    }

    [TestMethod]
    [DataRow("--gateway alice@:22", "vmgrid: --gateway 'alice@:22' names no valid host; expected user@host[:port]\n")]
    [DataRow("--gateway alice@gw --host-key MD5:aa", "vmgrid: --host-key MD5:aa: expected SHA256: and 43 base64 characters, as ssh-keygen -lf prints it\n")]
    public void SubmitGateway_BadOptions_AreOneLine(string options, string expected)
    {
        var (exit, _, stderr) = VmgridProcessTests.Run($"submit {Path.Combine(AppContext.BaseDirectory, "examples", "hello.workunit.xml")} --to local {options}", environment: Environment);

        Assert.AreEqual(1, exit);
        Assert.AreEqual(expected, stderr);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
