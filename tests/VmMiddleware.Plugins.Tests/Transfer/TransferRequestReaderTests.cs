using VmMiddleware.ClassAds.Syntax;
using VmMiddleware.Plugins.Transfer;

namespace VmMiddleware.Plugins.Tests.Transfer;

[TestClass]
public sealed class TransferRequestReaderTests
{
    [TestMethod]
    public void Parse_RequestsAndJobWideAds_RequestsOnlyInOrder()
    {
        var requests = TransferRequestReader.Parse(
            "[ Url = \"vmimage://h/1\"; LocalFileName = \"/s/1\"; Extra = 3 ]\n[ JobWide = true ]\n[ url = \"vmimage://h/2\"; localfilename = \"/s/2\" ]", "in");

        CollectionAssert.AreEqual(new[] { new TransferRequest("vmimage://h/1", "/s/1"), new TransferRequest("vmimage://h/2", "/s/2") }, requests.ToArray());
    }

    [TestMethod]
    [DataRow("[ Url = \"u\" ]", "ad 1 has Url but no string LocalFileName")]
    [DataRow("[ Url = \"u\"; LocalFileName = ", "line 1, column")]
    [DataRow("Url = \"u\"", "line 1, column 1")]
    public void Parse_Malformed_SaysWhere(string text, string message)
    {
        var e = Assert.ThrowsExactly<ClassAdParseException>(() => TransferRequestReader.Parse(text, "in"));
        StringAssert.Contains(e.Message, message);
    }
}
