using VmMiddleware.Remote.Jobs;

namespace VmMiddleware.Remote.Tests.Jobs;

[TestClass]
public sealed class LauncherVerdictTests
{
    [TestMethod]
    [DataRow("""{"outcome":"Succeeded","exitCode":0,"processExitCode":0}""", "completed", 0)]
    [DataRow("""{"outcome":"GuestFailed","exitCode":3,"processExitCode":3,"reason":"the command exited 3"}""", "failed", 3)]
    [DataRow("""{"outcome":"NeverBooted","exitCode":null,"processExitCode":120,"reason":"no VMGRID:BOOTED"}""", "failed", null)]
    [DataRow("""{"outcome":"Killed","exitCode":null,"processExitCode":143}""", "removed", null)]
    [DataRow("""{"outcome":"Checkpointed","exitCode":null,"processExitCode":85}""", "held", null)]
    public void FromJson_LauncherResult_GivesStateAndExitCode(string json, string state, int? exitCode)
    {
        var status = LauncherVerdict.FromJson(json, "GRAM DONE")!;

        Assert.AreEqual(state, status.StateName);
        Assert.AreEqual(exitCode, status.ExitCode);
        Assert.AreEqual("GRAM DONE", status.Native);
    }

    [TestMethod]
    [DataRow(null)]
    [DataRow("")]
    [DataRow("{\"outcome\":\"Succ")]
    [DataRow("vmgrid: [ 0.00s] preparing")]
    [DataRow("{\"exitCode\":0}")]
    public void FromJson_NotAResult_IsNull(string? text) => Assert.IsNull(LauncherVerdict.FromJson(text, null));

    [TestMethod]
    [DataRow(0, "completed", 0)]
    [DataRow(3, "failed", 3)]
    [DataRow(118, "failed", 85)]
    [DataRow(124, "failed", null)]
    [DataRow(85, "held", null)]
    [DataRow(143, "removed", null)]
    public void FromExitCode_LauncherCodes(int code, string state, int? exitCode)
    {
        var status = LauncherVerdict.FromExitCode(code, null);

        Assert.AreEqual(state, status.StateName);
        Assert.AreEqual(exitCode, status.ExitCode);
    }

    [TestMethod]
    [DataRow("sum.txt", true)]
    [DataRow("sub/dir/f", true)]
    [DataRow("../escape", false)]
    [DataRow("/etc/passwd", false)]
    [DataRow("a//b", false)]
    [DataRow("a/./b", false)]
    [DataRow("", false)]
    public void IsSafe_OutputPaths(string path, bool safe) => Assert.AreEqual(safe, OutputFile.IsSafe(path));
}
