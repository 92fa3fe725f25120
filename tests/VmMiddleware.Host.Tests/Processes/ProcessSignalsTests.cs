using System.Diagnostics;
using VmMiddleware.Host.Processes;

namespace VmMiddleware.Host.Tests.Processes;

[TestClass]
public sealed class ProcessSignalsTests
{
    [TestMethod]
    public void Send_Interrupt_EndsASleepingProcess()
    {
        using var sleeper = Process.Start(new ProcessStartInfo("sleep", "300") { UseShellExecute = false })!;
        var identity = ProcessIdentity.Of(sleeper.Id)!;

        Assert.IsTrue(ProcessSignals.Send(identity, ProcessSignals.Interrupt));
        Assert.IsTrue(sleeper.WaitForExit(10_000));
        Assert.IsFalse(identity.IsAlive());
    }

    [TestMethod]
    public void Send_RecycledIdentity_SendsNothing()
    {
        var stale = new ProcessIdentity(Environment.ProcessId, 1);

        Assert.IsFalse(ProcessSignals.Send(stale, ProcessSignals.Terminate));
    }
}
