using VmMiddleware.Factory.Configuration;
using VmMiddleware.Factory.Security;

namespace VmMiddleware.Factory.Tests.Security;

[TestClass]
public sealed class GridMapfileTests
{
    [TestMethod]
    public void Parse_QuotedUnquotedCommentsAndAccountLists_FirstAccountWins()
    {
        var mapfile = GridMapfile.Parse(
            "# site users\n\"/C=US/O=Grid/CN=Alice Smith\" alice\n/C=US/O=Grid/CN=bob bob,admins\n\"/C=US/O=Grid/CN=Q \\\"Quote\\\"\" quoter\n",
            "grid-mapfile");

        Assert.AreEqual(3, mapfile.Count);
        Assert.AreEqual("alice", mapfile.Map("/C=US/O=Grid/CN=Alice Smith"));
        Assert.AreEqual("bob", mapfile.Map("/C=US/O=Grid/CN=bob"));
        Assert.AreEqual("quoter", mapfile.Map("/C=US/O=Grid/CN=Q \"Quote\""));
        Assert.IsNull(mapfile.Map("/C=US/O=Grid/CN=Alice"));
    }

    [TestMethod]
    [DataRow("\"/C=US/CN=open alice\n", "grid-mapfile(line 1, column 1): the quoted subject is not closed")]
    [DataRow("ok /C=US alice\n", "grid-mapfile(line 1, column 1): 'ok' is not a subject")]
    [DataRow("\"/C=US/CN=x\" ../root\n", "grid-mapfile(line 1, column 14): subject '/C=US/CN=x' maps to '../root'")]
    public void Parse_BadLine_PositionedError(string text, string expected)
    {
        var e = Assert.ThrowsExactly<SettingsFormatException>(() => GridMapfile.Parse(text, "grid-mapfile"));

        StringAssert.StartsWith(e.Message, expected);
    }
}
