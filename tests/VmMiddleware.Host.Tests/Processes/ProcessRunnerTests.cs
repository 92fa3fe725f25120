using System.Diagnostics;
using VmMiddleware.Host.Processes;

namespace VmMiddleware.Host.Tests.Processes;

[TestClass]
public sealed class ProcessRunnerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static ProcessCommand Shell(string script) => new("sh", ["-c", script]);

    [TestMethod]
    public async Task RunAsync_NonZeroExit_ReturnedNotThrown()
    {
        var result = await ProcessRunner.Default.RunAsync(Shell("echo out; echo err >&2; exit 3"));

        Assert.AreEqual(3, result.ExitCode);
        Assert.AreEqual("out\n", result.StandardOutput);
        Assert.AreEqual("err\n", result.StandardError);
        Assert.IsFalse(result.OutputTruncated);
    }

    [TestMethod]
    public async Task EnsureSuccess_Failure_ExceptionCarriesCommandLineExitCodeAndStderrTail()
    {
        var result = await ProcessRunner.Default.RunAsync(Shell("i=0; while [ $i -lt 3000 ]; do echo \"line $i\" >&2; i=$((i+1)); done; exit 7"));

        var e = Assert.ThrowsExactly<ProcessFailedException>(() => result.EnsureSuccess());

        Assert.AreEqual(7, e.ExitCode);
        Assert.AreEqual("sh -c 'i=0; while [ $i -lt 3000 ]; do echo \"line $i\" >&2; i=$((i+1)); done; exit 7'", e.CommandLine);
        StringAssert.EndsWith(e.StandardErrorTail, "line 2999");
        Assert.IsLessThanOrEqualTo(ProcessFailedException.TailLength + 3, e.StandardErrorTail.Length);
        StringAssert.StartsWith(e.Message, e.CommandLine + " exited with code 7: ...");
        StringAssert.EndsWith(e.Message, "line 2999");
    }

    [TestMethod]
    public async Task RunAsync_InputEnvironmentAndDirectory_GivenToTheChild()
    {
        using var dir = new TempDirectory();
        var command = new ProcessCommand("sh", ["-c", "cat; echo \" $LC_ALL $(pwd)\""])
        {
            StandardInput = "from stdin",
            Environment = ProcessCommand.CLocale,
            WorkingDirectory = dir.Path,
        };

        var result = await ProcessRunner.Default.RunAsync(command);

        Assert.AreEqual($"from stdin C {dir.Path}\n", result.StandardOutput);
    }

    [TestMethod]
    public async Task RunAsync_ProgramNotInSearchPath_FailsNamingIt()
    {
        var runner = new ProcessRunner(new ProcessRunnerOptions { SearchPath = ["/nonexistent"] });

        var e = await Assert.ThrowsExactlyAsync<ProcessFailedException>(() => runner.RunAsync(new ProcessCommand("sh", ["-c", "true"])));

        Assert.IsNull(e.ExitCode);
        StringAssert.StartsWith(e.Message, "cannot run sh -c true: sh is not installed (not found in /nonexistent)");
    }

    [TestMethod]
    public async Task RunAsync_StandardErrorLine_EachLineForwardedAsItComes()
    {
        var lines = new List<string>();

        var result = await ProcessRunner.Default.RunAsync(Shell("printf 'one\\ntwo\\r\\nthree' >&2") with { StandardErrorLine = lines.Add });

        CollectionAssert.AreEqual(new[] { "one", "two", "three" }, lines);
        Assert.AreEqual("one\ntwo\r\nthree", result.StandardError);
    }

    [TestMethod]
    public async Task RunAsync_InheritStreams_NothingCapturedExitCodeKept()
    {
        var result = await ProcessRunner.Default.RunAsync(Shell("exit 4") with { InheritStreams = true });

        Assert.AreEqual(4, result.ExitCode);
        Assert.AreEqual(string.Empty, result.StandardOutput);
    }

    [TestMethod]
    public async Task RunAsync_OutputLargerThanTheLimit_KeepsItsTailOnly()
    {
        const int Limit = 64 * 1024;
        var runner = new ProcessRunner(new ProcessRunnerOptions { OutputLimit = Limit });

        // 20 MB of output, then a last line: memory stays bounded by the limit, and the end survives.
        var result = await runner.RunAsync(Shell("head -c 20000000 /dev/zero | tr '\\0' x; echo; echo END"));

        Assert.AreEqual(0, result.ExitCode);
        Assert.IsTrue(result.OutputTruncated);
        Assert.AreEqual(Limit, result.StandardOutput.Length);
        StringAssert.EndsWith(result.StandardOutput, "xxx\nEND\n");
    }

    [TestMethod]
    public async Task RunAsync_Cancelled_ChildKilledAndCancellationThrown()
    {
        using var dir = new TempDirectory();
        var pidFile = dir.File("pid");
        using var cancel = new CancellationTokenSource();

        var run = ProcessRunner.Default.RunAsync(Shell($"echo $$ > {pidFile}; exec sleep 300"), cancel.Token);
        var pid = await WaitForPidsAsync(pidFile, 1);
        await cancel.CancelAsync();

        await Assert.ThrowsAsync<OperationCanceledException>(() => run);
        Assert.IsFalse(IsRunning(pid[0]), "the cancelled child is still running");
    }

    [TestMethod]
    public async Task RunAsync_ChildIgnoresSigterm_KilledAfterTheGraceWithWhatItStarted()
    {
        using var dir = new TempDirectory();
        var pidFile = dir.File("pid");
        var runner = new ProcessRunner(new ProcessRunnerOptions { TerminationGrace = TimeSpan.FromMilliseconds(200) });
        using var cancel = new CancellationTokenSource();

        // The shell and its background sleep both ignore SIGTERM (an ignored signal stays ignored across fork and exec).
        var run = runner.RunAsync(Shell($"trap '' TERM; sleep 300 & echo $$ $! > {pidFile}.tmp; mv {pidFile}.tmp {pidFile}; wait"), cancel.Token);
        var pids = await WaitForPidsAsync(pidFile, 2);
        await cancel.CancelAsync();

        await Assert.ThrowsAsync<OperationCanceledException>(() => run);
        Assert.IsFalse(IsRunning(pids[0]), "the shell that ignores SIGTERM is still running");
        Assert.IsTrue(WaitUntilGone(pids[1]), "the sleep it started is still running");
    }

    [TestMethod]
    public async Task RunAsync_ParentKilled_ChildDiesWithIt()
    {
        RequireGuard();
        using var dir = new TempDirectory();
        var pidFile = dir.File("pid");
        var helper = Path.Combine(AppContext.BaseDirectory, "VmMiddleware.Host.ProcessHelper.dll");
        using var parent = Process.Start(new ProcessStartInfo("dotnet") { ArgumentList = { helper, "sh", "-c", $"echo $$ > {pidFile}; exec sleep 300" }, UseShellExecute = false })!;
        try
        {
            var child = await WaitForPidsAsync(pidFile, 1);

            parent.Kill();
            await parent.WaitForExitAsync();

            Assert.IsTrue(WaitUntilGone(child[0]), "the runner's child outlived its SIGKILLed parent");
        }
        finally
        {
            if (!parent.HasExited)
            {
                parent.Kill();
            }
        }
    }

    private static async Task<int[]> WaitForPidsAsync(string pidFile, int count)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < Patience)
        {
            if (File.Exists(pidFile) && File.ReadAllText(pidFile).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is { } words && words.Length == count)
            {
                return [.. words.Select(int.Parse)];
            }

            await Task.Delay(20);
        }

        throw new AssertFailedException($"no pid in {pidFile} within {Patience}");
    }

    private static bool IsRunning(int pid) => ProcessIdentity.Of(pid) is { } identity && identity.IsAlive();

    private static bool WaitUntilGone(int pid)
    {
        var watch = Stopwatch.StartNew();
        while (IsRunning(pid))
        {
            if (watch.Elapsed > Patience)
            {
                ProcessIdentity.Of(pid)?.KillIfAlive();
                return false;
            }

            Thread.Sleep(20);
        }

        return true;
    }

    private static void RequireGuard()
    {
        if (!ParentDeathGuard.IsAvailable)
        {
            Assert.Fail("setpriv (util-linux) is not installed; scripts/setup.sh installs it");
        }
    }
}
