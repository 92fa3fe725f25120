using VmMiddleware.Qemu.Launch;

namespace VmMiddleware.Qemu.Tests.Launch;

[TestClass]
public sealed class ConsoleMarkerTests
{
    [TestMethod]
    [DataRow("VMGRID:BOOTED 1.58", "Booted", "1.58")]
    [DataRow("\u001b[2J\u001b[0mBooting from ROM..VMGRID:BOOTED 3.15", "Booted", "3.15")]
    [DataRow("VMGRID:START\r", "Start", "")]
    [DataRow("VMGRID:HEARTBEAT 12", "Heartbeat", "12")]
    [DataRow("VMGRID:EXIT 3", "Exit", "3")]
    [DataRow("VMGRID:DONE", "Done", "")]
    [DataRow("VMGRID:WAITING", "Waiting", "")]
    [DataRow("VMGRID:AGENT-ERROR no CIDATA seed volume", "AgentError", "no CIDATA seed volume")]
    public void TryParse_Marker_KindAndArgument(string line, string kind, string argument)
    {
        var marker = ConsoleMarker.TryParse(line);

        Assert.IsNotNull(marker);
        Assert.AreEqual(kind, marker.Kind.ToString());
        Assert.AreEqual(argument, marker.Argument);
    }

    [TestMethod]
    [DataRow("[    1.8] reboot: Power down")]
    [DataRow("VMGRID:SOMETHING else")]
    [DataRow("")]
    public void TryParse_OtherLine_Null(string line)
    {
        Assert.IsNull(ConsoleMarker.TryParse(line));
    }

    [TestMethod]
    public void Number_ExitCode_Parsed()
    {
        Assert.AreEqual(255, ConsoleMarker.TryParse("VMGRID:EXIT 255")!.Number);
        Assert.IsNull(ConsoleMarker.TryParse("VMGRID:DONE")!.Number);
    }
}
