using VmMiddleware.Remote.Gateways;

namespace VmMiddleware.Remote.Tests.Gateways;

[TestClass]
public sealed class GatewayAddressTests
{
    [TestMethod]
    [DataRow("alice@gw.example.org", "alice", "gw.example.org", 22, "gw.example.org")]
    [DataRow("alice@gw.example.org:2222", "alice", "gw.example.org", 2222, "[gw.example.org]:2222")]
    [DataRow("gw", "me", "gw", 22, "gw")]
    [DataRow("bob@[::1]:2200", "bob", "::1", 2200, "[::1]:2200")]
    [DataRow("a@b@host:22", "a@b", "host", 22, "host")]
    public void Parse_ValidForms_GiveUserHostPortAndKnownHostsName(string text, string user, string host, int port, string knownHostsName)
    {
        var address = GatewayAddress.Parse(text, "me");

        Assert.AreEqual(new GatewayAddress(user, host, port), address);
        Assert.AreEqual(knownHostsName, address.KnownHostsName);
    }

    [TestMethod]
    [DataRow("@host", "names no user")]
    [DataRow("alice@", "no valid host")]
    [DataRow("alice@host:0", "port '0'")]
    [DataRow("alice@host:70000", "port '70000'")]
    [DataRow("alice@host:ssh", "port 'ssh'")]
    [DataRow("alice@[::1", "without ']'")]
    [DataRow("alice@ho st", "no valid host")]
    public void Parse_BadForms_ThrowsNamingTheProblem(string text, string expected)
    {
        var error = Assert.ThrowsExactly<FormatException>(() => GatewayAddress.Parse(text, "me"));

        StringAssert.Contains(error.Message, expected);
    }

    [TestMethod]
    public void ToString_IPv6Host_IsBracketed() =>
        Assert.AreEqual("bob@[::1]:22", new GatewayAddress("bob", "::1", 22).ToString());

    [TestMethod]
    public void Words_QuoteAndDollar_AreKeptLiterally() =>
        Assert.AreEqual("'a b' 'it'\\''s' '$HOME'", ShellQuote.Words(["a b", "it's", "$HOME"]));
}
