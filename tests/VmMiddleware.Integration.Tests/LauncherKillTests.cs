using VmMiddleware.Qemu.Launch;
using VmMiddleware.WorkUnits;
using VmMiddleware.WorkUnits.Xml;

namespace VmMiddleware.Integration.Tests;

/// <summary>vmgrid killed (SIGKILL, SIGINT) at several moments: no QEMU outlives it, no lock or temporary blocks the next run, which succeeds.</summary>
[TestClass]
[TestCategory("Integration")]
public sealed class LauncherKillTests
{
    private static readonly TimeSpan QemuGone = TimeSpan.FromSeconds(5);

    [TestMethod]
    [DataRow("preparing")] // the accelerator probe (no QEMU any more: KVM is asked with ioctls)
    [DataRow("starting QEMU")]
    [DataRow("booted")]
    [DataRow("command started")]
    public async Task Run_SigkillDuringColdRun_QemuDiesWithItAndNextRunSucceeds(string moment)
    {
        var work = QemuEnvironment.NewWorkDirectory("kill-cold");
        var file = WriteUnit(work, "sleep 2; echo survived > out/x");
        var (cli, stderr) = QemuEnvironment.StartCli("run", file, "--work-dir", work);
        using (cli)
        {
            QemuEnvironment.WaitForLine(stderr, moment, TimeSpan.FromSeconds(120));
            cli.Kill();
            await cli.WaitForExitAsync();
        }

        CollectionAssert.AreEqual(new List<int>(), QemuEnvironment.WaitForNoQemu(work, QemuGone), $"QEMU outlived vmgrid killed at '{moment}'");
        var result = await QemuEnvironment.RunAsync(QemuEnvironment.Shell("kill", "sleep 2; echo survived > out/x"), work);

        Assert.AreEqual(LaunchOutcome.Succeeded, result.Outcome, result.Reason + "\n" + result.ConsoleTail);
        Assert.AreEqual("survived\n", File.ReadAllText(Path.Combine(work, "out", "x")));
    }

    [TestMethod]
    [DataRow("booting once to save one")]
    [DataRow("booted")]
    public async Task Run_SigkillWhileSavingBootCheckpoint_NoQemuNoTemporaryAndNextRunSucceeds(string moment)
    {
        var cache = QemuEnvironment.NewWorkDirectory("kill-bootcp-cache");
        var work = QemuEnvironment.NewWorkDirectory("kill-bootcp");
        var file = WriteUnit(work, "echo restored > out/x");
        var environment = new Dictionary<string, string> { ["VMMIDDLEWARE_CACHE"] = cache };
        var (cli, stderr) = QemuEnvironment.StartCli(environment, "run", file, "--work-dir", work, "--from-boot-checkpoint");
        using (cli)
        {
            QemuEnvironment.WaitForLine(stderr, moment, TimeSpan.FromSeconds(120));
            cli.Kill();
            await cli.WaitForExitAsync();
        }

        CollectionAssert.AreEqual(new List<int>(), QemuEnvironment.WaitForNoQemu(cache, QemuGone), $"the checkpoint QEMU outlived vmgrid killed at '{moment}'");
        var (next, nextErr) = QemuEnvironment.StartCli(environment, "run", file, "--work-dir", work, "--from-boot-checkpoint");
        using (next)
        {
            await next.WaitForExitAsync();
            Assert.AreEqual(0, next.ExitCode, string.Join('\n', nextErr));
        }

        Assert.AreEqual("restored\n", File.ReadAllText(Path.Combine(work, "out", "x")));
        var checkpoints = Path.Combine(cache, "boot-checkpoints");
        CollectionAssert.AreEqual(Array.Empty<string>(), Directory.GetDirectories(checkpoints, "*.tmp-*"), "a killed save left its temporary behind");
        Assert.HasCount(1, Directory.GetDirectories(checkpoints));
        Directory.Delete(cache, recursive: true);
    }

    [TestMethod]
    [DataRow("restored")]
    [DataRow("command started")]
    public async Task Run_SigkillAfterRestoreFromBootCheckpoint_QemuDiesWithItAndNextRunSucceeds(string moment)
    {
        var work = QemuEnvironment.NewWorkDirectory("kill-restore");
        var file = WriteUnit(work, "sleep 2; echo restored > out/x", Limits.Default with { MaxOutputBytes = 64 * 1024 * 1024 });
        var (cli, stderr) = QemuEnvironment.StartCli("run", file, "--work-dir", work, "--from-boot-checkpoint");
        using (cli)
        {
            QemuEnvironment.WaitForLine(stderr, moment, TimeSpan.FromSeconds(180));
            cli.Kill();
            await cli.WaitForExitAsync();
        }

        CollectionAssert.AreEqual(new List<int>(), QemuEnvironment.WaitForNoQemu(work, QemuGone), $"QEMU outlived vmgrid killed at '{moment}'");
        var (next, nextErr) = QemuEnvironment.StartCli("run", file, "--work-dir", work, "--from-boot-checkpoint");
        using (next)
        {
            await next.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(180));
            Assert.AreEqual(0, next.ExitCode, string.Join('\n', nextErr));
        }

        Assert.AreEqual("restored\n", File.ReadAllText(Path.Combine(work, "out", "x")));
    }

    [TestMethod]
    public async Task Run_SigkillWhileResumingEvictionCheckpoint_QemuDiesWithItAndNextRunSucceeds()
    {
        var work = QemuEnvironment.NewWorkDirectory("kill-resume");
        var file = WriteUnit(work, "sleep 4; echo resumed > out/x");
        var (first, firstErr) = QemuEnvironment.StartCli("run", file, "--work-dir", work);
        using (first)
        {
            QemuEnvironment.WaitForLine(firstErr, "command started", TimeSpan.FromSeconds(120));
            QemuEnvironment.Signal(first.Id, "TERM");
            await first.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            Assert.AreEqual(LaunchExitCodes.Checkpointed, first.ExitCode, string.Join('\n', firstErr));
        }

        var (resumed, resumedErr) = QemuEnvironment.StartCli("run", file, "--work-dir", work);
        using (resumed)
        {
            QemuEnvironment.WaitForLine(resumedErr, "restored", TimeSpan.FromSeconds(120));
            resumed.Kill();
            await resumed.WaitForExitAsync();
        }

        CollectionAssert.AreEqual(new List<int>(), QemuEnvironment.WaitForNoQemu(work, QemuGone), "the resumed QEMU outlived vmgrid");
        var result = await QemuEnvironment.RunAsync(QemuEnvironment.Shell("kill", "sleep 4; echo resumed > out/x"), work);

        Assert.AreEqual(LaunchOutcome.Succeeded, result.Outcome, result.Reason + "\n" + result.ConsoleTail);
        Assert.AreEqual("resumed\n", File.ReadAllText(Path.Combine(work, "out", "x")));
    }

    [TestMethod]
    public async Task Run_SigintWhileCommandRuns_EndsWithin5SecondsAndNoQemu()
    {
        var work = QemuEnvironment.NewWorkDirectory("sigint");
        var file = WriteUnit(work, "sleep 300");
        var (cli, stderr) = QemuEnvironment.StartCli("run", file, "--work-dir", work);
        using (cli)
        {
            QemuEnvironment.WaitForLine(stderr, "command started", TimeSpan.FromSeconds(120));
            var watch = System.Diagnostics.Stopwatch.StartNew();
            QemuEnvironment.Signal(cli.Id, "INT");
            var ended = cli.WaitForExit(TimeSpan.FromSeconds(5));
            if (!ended)
            {
                cli.Kill();
            }

            Assert.IsTrue(ended, "vmgrid run did not end within 5 s of SIGINT: " + string.Join('\n', stderr));
            Assert.AreEqual(LaunchExitCodes.Killed, cli.ExitCode, string.Join('\n', stderr));
            Assert.IsLessThan(5.0, watch.Elapsed.TotalSeconds);
        }

        CollectionAssert.AreEqual(new List<int>(), QemuEnvironment.WaitForNoQemu(work, TimeSpan.FromSeconds(1)));
        Assert.IsFalse(Directory.Exists(Path.Combine(work, "vm")), "vm/ was left behind");
    }

    [TestMethod]
    public async Task Run_SigintWhileSavingBootCheckpoint_Exits143Within5SecondsNoQemuNoStackTrace()
    {
        var cache = QemuEnvironment.NewWorkDirectory("sigint-bootcp-cache");
        var work = QemuEnvironment.NewWorkDirectory("sigint-bootcp");
        var file = WriteUnit(work, "true");
        var (cli, stderr) = QemuEnvironment.StartCli(new Dictionary<string, string> { ["VMMIDDLEWARE_CACHE"] = cache }, "run", file, "--work-dir", work, "--from-boot-checkpoint");
        using (cli)
        {
            QemuEnvironment.WaitForLine(stderr, "booting once to save one", TimeSpan.FromSeconds(120));
            QemuEnvironment.Signal(cli.Id, "INT");
            var ended = cli.WaitForExit(TimeSpan.FromSeconds(5));
            if (!ended)
            {
                cli.Kill();
            }

            Assert.IsTrue(ended, "vmgrid run did not end within 5 s of SIGINT: " + string.Join('\n', stderr));
            Assert.AreEqual(LaunchExitCodes.Killed, cli.ExitCode, string.Join('\n', stderr));
            Assert.IsFalse(stderr.Any(l => l.Contains("internal error", StringComparison.Ordinal) || l.StartsWith("   at ", StringComparison.Ordinal)), string.Join('\n', stderr));
        }

        CollectionAssert.AreEqual(new List<int>(), QemuEnvironment.WaitForNoQemu(cache, TimeSpan.FromSeconds(1)));
        Directory.Delete(cache, recursive: true);
    }

    private static string WriteUnit(string work, string script, Limits? limits = null)
    {
        var file = Path.Combine(work, "..", Path.GetFileName(work) + ".workunit.xml");
        WorkUnitWriter.Write(QemuEnvironment.Shell("kill", script, limits), file);
        return file;
    }
}
