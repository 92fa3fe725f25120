using System.Diagnostics;
using VmMiddleware.Host.Processes;

namespace VmMiddleware.Host.Tests.Processes;

[TestClass]
public sealed class ProcessIdentityTests
{
    [TestMethod]
    public void Signal_Interrupt_EndsASleepingProcess()
    {
        using var sleeper = Process.Start(new ProcessStartInfo("sleep", "300") { UseShellExecute = false })!;
        var identity = ProcessIdentity.Of(sleeper.Id)!;

        Assert.IsTrue(identity.Signal(PosixSignals.Interrupt));
        Assert.IsTrue(sleeper.WaitForExit(10_000));
        Assert.IsFalse(identity.IsAlive());
    }

    [TestMethod]
    public void Signal_RecycledIdentity_SendsNothing()
    {
        var stale = new ProcessIdentity(Environment.ProcessId, 1);

        Assert.IsFalse(stale.Signal(PosixSignals.Terminate));
    }
}
