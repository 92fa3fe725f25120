using VmMiddleware.Qemu.Launch;

namespace VmMiddleware.Integration.Tests;

[TestClass]
[TestCategory("Integration")]
public sealed class LauncherExampleTests
{
    [TestMethod]
    public async Task Run_FailExample_StdoutStderrOutputAndExitCode3()
    {
        var work = QemuEnvironment.NewWorkDirectory("fail");

        var result = await QemuEnvironment.RunAsync(QemuEnvironment.Example("fail.workunit.xml"), work);

        Assert.AreEqual(LaunchOutcome.GuestFailed, result.Outcome, result.Reason + "\n" + result.ConsoleTail);
        Assert.AreEqual(3, result.ExitCode);
        Assert.AreEqual(3, LaunchExitCodes.For(result));
        var outputs = QemuEnvironment.ReadTree(Path.Combine(work, "out"));
        CollectionAssert.AreEquivalent(new[] { "stdout", "stderr", "partial.txt" }, outputs.Keys.ToArray());
        Assert.AreEqual("fail: stdout: read 8 lines\n", outputs["stdout"]);
        Assert.AreEqual("fail: stderr: giving up on purpose\n", outputs["stderr"]);
        Assert.AreEqual("read 8 lines before failing\n", outputs["partial.txt"]);
        Assert.IsFalse(Directory.Exists(Path.Combine(work, "vm")));
        Assert.IsFalse(QemuEnvironment.IsRunning(result.QemuPid!.Value));
    }

    [TestMethod]
    public async Task Run_HelloExample_SumExactAndExitCode0()
    {
        var work = QemuEnvironment.NewWorkDirectory("hello");

        var result = await QemuEnvironment.RunAsync(QemuEnvironment.Example("hello.workunit.xml"), work);

        Assert.AreEqual(LaunchOutcome.Succeeded, result.Outcome, result.Reason + "\n" + result.ConsoleTail);
        Assert.AreEqual(0, result.ExitCode);
        Assert.AreEqual("count=8\nsum=31\nmean=3.875\n", File.ReadAllText(Path.Combine(work, "out", "sum.txt")));
        Assert.AreEqual("hello from the reference guest: sum=31\n", File.ReadAllText(Path.Combine(work, "out", "stdout")));
        Assert.AreEqual(0, result.MissingOutputs.Count);
        Assert.AreEqual("cold", result.StartKind);
    }
}
