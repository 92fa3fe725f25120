using System.Text;
using VmMiddleware.Factory.Soap;

namespace VmMiddleware.Factory.Tests.Soap;

[TestClass]
public sealed class EnvelopeGuardTests
{
    private static string Envelope(string body) => $"<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>{body}</s:Body></s:Envelope>";

    [TestMethod]
    public void Check_PlainEnvelope_Accepted() =>
        Assert.IsNull(EnvelopeGuard.Check(Bytes(Envelope("<Describe xmlns=\"urn:vmmiddleware:factory:1\"/>")), 32));

    [TestMethod]
    [DataRow("<!DOCTYPE a [<!ENTITY b \"c\">]>", "has a document type declaration; DTDs and entities are not accepted")]
    [DataRow("<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>", "has a document type declaration")]
    public void Check_Dtd_Refused(string prolog, string expected) =>
        StringAssert.Contains(EnvelopeGuard.Check(Bytes(prolog + Envelope("<a/>")), 32), expected);

    [TestMethod]
    public void Check_Malformed_RefusedWithPosition() =>
        StringAssert.StartsWith(EnvelopeGuard.Check(Bytes("<a><b></a>"), 32), "the message is not well-formed XML (line 1, column ");

    [TestMethod]
    public void Check_TooDeep_RefusedAtTheElement()
    {
        var deep = string.Concat(Enumerable.Repeat("<a>", 40)) + string.Concat(Enumerable.Repeat("</a>", 40));

        StringAssert.Contains(EnvelopeGuard.Check(Bytes(deep), 32), "nests elements deeper than 32");
    }

    private static MemoryStream Bytes(string text) => new(Encoding.UTF8.GetBytes(text));
}
