using VmMiddleware.Qemu.Launch;
using VmMiddleware.WorkUnits.Xml;

namespace VmMiddleware.Integration.Tests;

[TestClass]
[TestCategory("Integration")]
public sealed class LauncherCheckpointTests
{
    private const string SixSeconds = "echo begin; sleep 3; echo done > out/x; sleep 3; echo end; exit 4";

    [TestMethod]
    public async Task Run_SigtermAfterStart_Exits85ThenResumesToSameOutputsAsUninterrupted()
    {
        var unit = QemuEnvironment.Shell("evict", SixSeconds);
        var reference = QemuEnvironment.NewWorkDirectory("evict-ref");
        var uninterrupted = await QemuEnvironment.RunAsync(unit, reference);
        Assert.AreEqual(4, uninterrupted.ExitCode, uninterrupted.Reason + "\n" + uninterrupted.ConsoleTail);

        var work = QemuEnvironment.NewWorkDirectory("evict");
        var file = Path.Combine(work, "..", Path.GetFileName(work) + ".workunit.xml");
        WorkUnitWriter.Write(unit, file);
        var (first, stderr) = QemuEnvironment.StartCli("run", file, "--work-dir", work);
        QemuEnvironment.WaitForLine(stderr, "command started", TimeSpan.FromSeconds(90));
        await Task.Delay(1000);
        var qemu = QemuEnvironment.RecordedQemuPid(work)!.Value;
        QemuEnvironment.Signal(first.Id, "TERM");
        await first.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.AreEqual(LaunchExitCodes.Checkpointed, first.ExitCode, string.Join('\n', stderr));
        Assert.IsTrue(File.Exists(Path.Combine(work, "checkpoint", "manifest.json")));
        Assert.IsTrue(File.Exists(Path.Combine(work, "checkpoint", "state")));
        Assert.IsFalse(QemuEnvironment.IsRunning(qemu));

        var (second, stderr2) = QemuEnvironment.StartCli("run", file, "--work-dir", work, "--json");
        var json = await second.StandardOutput.ReadToEndAsync();
        await second.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));

        Assert.AreEqual(4, second.ExitCode, string.Join('\n', stderr2));
        // The resumed command ran its remaining seconds in this launch: runSeconds says so (it was 0 after every resume).
        var runSeconds = System.Text.Json.Nodes.JsonNode.Parse(json)!["timings"]!["runSeconds"]!.GetValue<double>();
        Assert.IsGreaterThan(0.5, runSeconds, json);
        Assert.IsTrue(stderr2.Any(l => l.Contains("resumed", StringComparison.Ordinal)), string.Join('\n', stderr2));
        CollectionAssert.AreEquivalent(QemuEnvironment.ReadTree(Path.Combine(reference, "out")), QemuEnvironment.ReadTree(Path.Combine(work, "out")));
        Assert.IsFalse(Directory.Exists(Path.Combine(work, "checkpoint")));
        first.Dispose();
        second.Dispose();
    }

    [TestMethod]
    public async Task Run_FromBootCheckpoint_SameOutputsAsColdAndFasterToStart()
    {
        var unit = QemuEnvironment.Example("hello.workunit.xml");
        var cold = await QemuEnvironment.RunAsync(unit, QemuEnvironment.NewWorkDirectory("cold"));
        await QemuEnvironment.RunAsync(unit, QemuEnvironment.NewWorkDirectory("warmup"), fromBootCheckpoint: true);
        var work = QemuEnvironment.NewWorkDirectory("fromboot");

        var warm = await QemuEnvironment.RunAsync(unit, work, fromBootCheckpoint: true);

        Assert.AreEqual(LaunchOutcome.Succeeded, warm.Outcome, warm.Reason + "\n" + warm.ConsoleTail);
        Assert.AreEqual("boot-checkpoint", warm.StartKind);
        Assert.AreEqual("count=8\nsum=31\nmean=3.875\n", File.ReadAllText(Path.Combine(work, "out", "sum.txt")));
        Assert.AreEqual("hello from the reference guest: sum=31\n", File.ReadAllText(Path.Combine(work, "out", "stdout")));
        Assert.IsTrue(warm.Timings.ToStart < cold.Timings.ToStart, $"boot checkpoint {warm.Timings.ToStart} vs cold {cold.Timings.ToStart}");
    }

    [TestMethod]
    public async Task Run_AfterBootPolicyWithInputs_InputsArriveAfterRestore()
    {
        var unit = QemuEnvironment.Example("fail.workunit.xml") with
        {
            Checkpoint = new WorkUnits.CheckpointPolicy { AfterBoot = true },
        };
        var work = QemuEnvironment.NewWorkDirectory("afterboot");

        var result = await QemuEnvironment.RunAsync(unit, work);

        Assert.AreEqual("boot-checkpoint", result.StartKind);
        Assert.AreEqual(3, result.ExitCode, result.Reason + "\n" + result.ConsoleTail);
        Assert.AreEqual("read 8 lines before failing\n", File.ReadAllText(Path.Combine(work, "out", "partial.txt")));
    }
}
