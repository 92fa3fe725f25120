using VmMiddleware.ClassAds.Formats;
using VmMiddleware.ClassAds.Syntax;

namespace VmMiddleware.ClassAds.Tests.Formats;

[TestClass]
public sealed class FormatTests
{
    private const string Sample = "[ A = 1; B = 2.5; C = \"x/y\\\"z\"; D = true; E = undefined; F = { 1,\"two\" }; G = [ h = 3 ]; R = TARGET.Memory > 2 * A ]";

    [TestMethod]
    public void Json_RoundTrip_KeepsEveryAttribute()
    {
        var ad = ClassAd.Parse(Sample);
        var json = JsonAdFormat.Write(ad);
        StringAssert.Contains(json, "\"R\": \"\\/Expr(TARGET.Memory > 2 * A)\\/\"");
        Assert.AreEqual(ad.ToString(), AdReader.Read(json).ToString());
    }

    [TestMethod]
    public void Xml_RoundTrip_KeepsEveryAttribute()
    {
        var ad = ClassAd.Parse(Sample);
        var xml = XmlAdFormat.Write(ad);
        StringAssert.Contains(xml, "<a n=\"R\"><e>TARGET.Memory &gt; 2 * A</e></a>");
        Assert.AreEqual(ad.ToString(), AdReader.Read(xml).ToString());
    }

    [TestMethod]
    public void Xml_ExternalEntity_IsNotResolved()
    {
        var xml = "<?xml version=\"1.0\"?><!DOCTYPE classads [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><classads><c><a n=\"A\"><s>&x;</s></a></c></classads>";
        Assert.ThrowsExactly<ClassAdParseException>(() => XmlAdFormat.ReadOne(xml));
    }

    [TestMethod]
    public void Json_Malformed_NamesPosition()
    {
        var e = Assert.ThrowsExactly<ClassAdParseException>(() => JsonAdFormat.Read("{\n  \"A\": 1,\n  \"B\": \n}"));
        Assert.AreEqual(4, e.Line);
    }
}
