using VmMiddleware.Factory.Building;

namespace VmMiddleware.Factory.Tests.Building;

[TestClass]
public sealed class RequestFilesTests
{
    [TestMethod]
    [DataRow("data/readings.txt")]
    [DataRow("packages/vmgrid-hello_1.0_all.deb")]
    public void Refuse_PlainRelativePath_Accepted(string path) => Assert.IsNull(RequestFiles.Refuse(path));

    [TestMethod]
    [DataRow("/etc/passwd", "is absolute")]
    [DataRow("../x", "'..'")]
    [DataRow("a/../../x", "'..'")]
    [DataRow("a//b", "empty")]
    [DataRow("a\\b", "backslash")]
    [DataRow("vmconfig.xml", "reserved")]
    [DataRow("", "empty")]
    public void Refuse_Hostile_Reason(string path, string reason) => StringAssert.Contains(RequestFiles.Refuse(path), reason);
}
