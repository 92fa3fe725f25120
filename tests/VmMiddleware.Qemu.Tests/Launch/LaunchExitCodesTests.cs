using VmMiddleware.Qemu.Launch;

namespace VmMiddleware.Qemu.Tests.Launch;

[TestClass]
public sealed class LaunchExitCodesTests
{
    private static LaunchResult Result(LaunchOutcome outcome, int? exitCode) => new()
    {
        Outcome = outcome,
        ExitCode = exitCode,
        Reason = "test",
        Timings = new LaunchTimings(),
        ConsoleLog = "console.log",
        ConsoleTail = string.Empty,
        StartKind = "cold",
    };

    [TestMethod]
    public void For_CommandExitedTheCheckpointCode_DistinctCodeNeverTheCheckpointOne()
    {
        var code = LaunchExitCodes.For(Result(LaunchOutcome.GuestFailed, LaunchExitCodes.Checkpointed));

        Assert.AreEqual(LaunchExitCodes.CommandExitedCheckpointCode, code);
        Assert.AreNotEqual(LaunchExitCodes.Checkpointed, code);
    }

    [TestMethod]
    [DataRow(1)]
    [DataRow(84)]
    [DataRow(86)]
    [DataRow(255)]
    public void For_OtherCommandCodes_PassedThrough(int exitCode) =>
        Assert.AreEqual(exitCode, LaunchExitCodes.For(Result(LaunchOutcome.GuestFailed, exitCode)));

    [TestMethod]
    public void For_Checkpointed_CheckpointCode() =>
        Assert.AreEqual(LaunchExitCodes.Checkpointed, LaunchExitCodes.For(Result(LaunchOutcome.Checkpointed, null)));
}
