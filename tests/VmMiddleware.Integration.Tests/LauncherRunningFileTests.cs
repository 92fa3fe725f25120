using System.Diagnostics;
using System.Text.Json.Nodes;
using VmMiddleware.WorkUnits.Xml;

namespace VmMiddleware.Integration.Tests;

/// <summary>VMMIDDLEWARE_RUNNING_FILE: vmgrid run writes it once the guest runs, which is how the GRAM vm adapter moves a job from PENDING to ACTIVE.</summary>
[TestClass]
[TestCategory("Integration")]
public sealed class LauncherRunningFileTests
{
    [TestMethod]
    public async Task Run_RunningFileSet_WrittenWhileTheGuestRunsAndItsQemuIsUp()
    {
        var work = QemuEnvironment.NewWorkDirectory("runningfile");
        var file = Path.Combine(work, "..", Path.GetFileName(work) + ".workunit.xml");
        var running = Path.Combine(QemuEnvironment.NewWorkDirectory("runningfile-state"), "vm-running");
        WorkUnitWriter.Write(QemuEnvironment.Shell("runningfile", "sleep 15; echo ok"), file);

        var (cli, stderr) = QemuEnvironment.StartCli(new Dictionary<string, string> { ["VMMIDDLEWARE_RUNNING_FILE"] = running }, "run", file, "--work-dir", work, "--json");
        var json = cli.StandardOutput.ReadToEndAsync();
        var qemuWhenWritten = new List<int>();
        var watch = Stopwatch.StartNew();
        while (!File.Exists(running) && !cli.HasExited && watch.Elapsed < TimeSpan.FromMinutes(3))
        {
            Thread.Sleep(50);
        }

        var appearedWhileRunning = File.Exists(running) && !cli.HasExited;
        if (appearedWhileRunning)
        {
            qemuWhenWritten = QemuEnvironment.QemuPidsMentioning(work);
        }

        await cli.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        var log = string.Join('\n', stderr);

        Assert.AreEqual(0, cli.ExitCode, log);
        Assert.AreEqual("Succeeded", JsonNode.Parse(await json)!["outcome"]!.GetValue<string>(), log);
        Assert.IsTrue(appearedWhileRunning, "the running file should appear while vmgrid runs the guest, not after: " + log);
        Assert.AreNotEqual(0, qemuWhenWritten.Count, "no QEMU of this job ran when the running file appeared");
        StringAssert.Matches(File.ReadAllText(running), new System.Text.RegularExpressions.Regex(@"^running \d{4}-\d\d-\d\dT[0-9:.]+\+00:00\n$"));
        CollectionAssert.AreEqual(new[] { running }, Directory.GetFiles(Path.GetDirectoryName(running)!), "the atomic write left a temporary file");
        cli.Dispose();
    }
}
