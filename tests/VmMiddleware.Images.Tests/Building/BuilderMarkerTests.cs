using VmMiddleware.Images.Building;

namespace VmMiddleware.Images.Tests.Building;

[TestClass]
public sealed class BuilderMarkerTests
{
    [TestMethod]
    [DataRow("VMGRID:ACTION 001-copy data START", "ActionStart", "001-copy", 0)]
    [DataRow("VMGRID:ACTION 002-script stamp END 3", "ActionEnd", "002-script", 3)]
    [DataRow("\u001b[0mVMGRID:LAYER 2\r", "Layer", null, 2)]
    [DataRow("VMGRID:EXIT 0", "Exit", null, 0)]
    [DataRow("VMGRID:BOOTED 1.52", "Booted", null, 0)]
    [DataRow("VMGRID:DONE", "Done", null, 0)]
    public void TryParse_Marker_KindNameAndNumber(string line, string kind, string? seedName, int number)
    {
        var marker = BuilderMarker.TryParse(line);

        Assert.IsNotNull(marker);
        Assert.AreEqual(Enum.Parse<BuilderMarkerKind>(kind), marker.Kind);
        Assert.AreEqual(seedName, marker.SeedName);
        Assert.AreEqual(number, marker.Number);
    }

    [TestMethod]
    public void TryParse_AgentError_KeepsText()
    {
        Assert.AreEqual("builder: no vmgrid-control disk", BuilderMarker.TryParse("VMGRID:AGENT-ERROR builder: no vmgrid-control disk")!.Text);
    }

    [TestMethod]
    [DataRow("VMGRID:HEARTBEAT 4")]
    [DataRow("VMGRID:LAYER x")]
    [DataRow("VMGRID:ACTION 001-copy data END")]
    [DataRow("copied to /opt/data")]
    public void TryParse_OtherLines_Null(string line)
    {
        Assert.IsNull(BuilderMarker.TryParse(line));
    }
}
