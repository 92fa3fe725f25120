using System.Text;
using VmMiddleware.Factory.Contracts.Service;

namespace VmMiddleware.Integration.Tests.Factory;

/// <summary>Who may call the service, and what a hostile request gets: refusals for bad credentials, SOAP faults for bad messages, and no trace of either.</summary>
[TestClass]
[TestCategory("Integration")]
public sealed class FactorySecurityTests
{
    private const string Ns = FactoryNames.Namespace;
    private const string Describe = $"<Describe xmlns=\"{Ns}\"/>";

    [TestMethod]
    public async Task Describe_GridProxyInitProxy_AcceptedAndMappedThroughTheEndEntity()
    {
        var rig = await FactoryRig.Shared;
        var (status, answer) = await PostAsync(rig, FactoryRig.Pki.AliceProxy, "Describe", Describe);
        Assert.AreEqual(200, status, answer);
        StringAssert.Contains(answer, "<Account>alice</Account>");
        StringAssert.Contains(answer, $"<Subject>{FactoryPki.Subject("alice")}</Subject>");
    }

    [TestMethod]
    public async Task Describe_VomsProxy_AcceptedAndMappedThroughTheEndEntity()
    {
        var rig = await FactoryRig.Shared;
        // The proxy really carries the VOMS attribute certificate extension, not critical (else this test would prove nothing about it).
        var proxy = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(FactoryRig.Pki.AliceVomsProxy));
        var attributes = proxy.Extensions.FirstOrDefault(e => e.Oid?.Value == "1.3.6.1.4.1.8005.100.100.5");
        Assert.IsNotNull(attributes, "voms-proxy-fake put a VOMS attribute certificate in the proxy");
        Assert.IsFalse(attributes.Critical);
        StringAssert.Contains(Encoding.ASCII.GetString(attributes.RawData), FactoryPki.Vo);

        var (status, answer) = await PostAsync(rig, FactoryRig.Pki.AliceVomsProxy, "Describe", Describe);
        Assert.AreEqual(200, status, answer);
        StringAssert.Contains(answer, "<Account>alice</Account>");
        StringAssert.Contains(answer, $"<Subject>{FactoryPki.Subject("alice")}</Subject>");
    }

    [TestMethod]
    public async Task Describe_BadCredentials_EachRefusedWithItsReason()
    {
        var rig = await FactoryRig.Shared;
        var pki = FactoryRig.Pki;
        var cases = new (string? Credential, string Reason)[]
        {
            (null, "no client certificate"),
            (pki.User("bob"), $"'{FactoryPki.Subject("bob")}' is not in the grid-mapfile"),
            (pki.User("dave"), "expired at 2020-02-01"),
            (pki.User("mallory"), "was not issued by a CA in the trust directory"),
            (pki.User("erin"), "is revoked"),
            (pki.BrokenProxy, "broken proxy chain"),
            (pki.User("oscar"), $"'{FactoryPki.OutsiderSubject}' is outside the signing policy of CA '/C=XX/O=VmMiddleware Test/CN=VmMiddleware Test CA'"),
        };
        foreach (var (credential, reason) in cases)
        {
            var (status, answer) = await PostAsync(rig, credential, "Describe", Describe);
            Assert.AreEqual(403, status, $"{credential}: {answer}");
            StringAssert.Contains(answer, "AccessDenied</faultcode>", credential);
            StringAssert.Contains(answer, reason, credential);
        }

        // Downloads are guarded the same way.
        var (downloadStatus, downloadAnswer) = FactoryCurl.Run(rig.Url, [new Uri(rig.Url, "/v1/chains/" + new string('0', 64)).ToString()], pki.User("bob"));
        Assert.AreEqual(403, downloadStatus, downloadAnswer);
    }

    [TestMethod]
    public async Task Requests_Hostile_EachGetsAFaultAndLeavesNoTrace()
    {
        var rig = await FactoryRig.Shared;
        var proxy = FactoryRig.Pki.AliceProxy;
        var before = Trace(rig);
        var laughs = "<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\"><!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>";
        var envelope = (string body) => $"<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>{body}</s:Body></s:Envelope>";
        var submit = (string config, string files) => $"<SubmitBuild xmlns=\"{Ns}\"><request><Configuration>{System.Security.SecurityElement.Escape(config)}</Configuration><Format>qcow2</Format><Files>{files}</Files></request></SubmitBuild>";
        var cases = new (string Name, string Message, string Code, string Reason)[]
        {
            ("oversized", envelope(submit(FactoryRig.Dag("big", string.Empty), $"<RequestFile><Path>big.bin</Path><Content>{Convert.ToBase64String(new byte[5 << 20])}</Content></RequestFile>")), "TooLarge", "larger than"),
            ("malformed", envelope($"<Describe xmlns=\"{Ns}\">") , "InvalidRequest", "not well-formed XML"),
            ("billion laughs", laughs + envelope($"<Describe xmlns=\"{Ns}\">&lol3;</Describe>"), "InvalidRequest", "DTDs and entities are not accepted"),
            ("external entity", "<!DOCTYPE s [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>" + envelope($"<Describe xmlns=\"{Ns}\">&xxe;</Describe>"), "InvalidRequest", "DTDs and entities are not accepted"),
            ("billion laughs in the configuration", envelope(submit(laughs.Replace("lolz", "vmconfig", StringComparison.Ordinal) + FactoryRig.Dag("laughs", "<hostname id=\"h\" name=\"&amp;lol3;\"/>"), string.Empty)), "InvalidRequest", "document type declaration"),
            ("deep nesting", envelope(string.Concat(Enumerable.Repeat("<a>", 200)) + string.Concat(Enumerable.Repeat("</a>", 200))), "InvalidRequest", "deeper than"),
            ("path in an image name", envelope($"<GetDownload xmlns=\"{Ns}\"><imageId>../../../etc/passwd</imageId><format>raw</format></GetDownload>"), "InvalidRequest", "never paths"),
            ("path in a delete", envelope($"<Delete xmlns=\"{Ns}\"><imageId>/var/lib/x</imageId></Delete>"), "InvalidRequest", "never paths"),
            ("path in a shipped file", envelope(submit(FactoryRig.Dag("escape", "<copy id=\"c\" source=\"../../../etc\" target=\"/x\"/>"), "<RequestFile><Path>../evil</Path><Content>AA==</Content></RequestFile>")), "InvalidRequest", "'..'"),
            ("copy outside the request", envelope(submit(FactoryRig.Dag("escape2", "<copy id=\"c\" source=\"../../../../etc/passwd\" target=\"/x\"/>"), string.Empty)), "InvalidRequest", "outside the configuration's directory"),
            ("file base", envelope(submit("<vmconfig xmlns=\"urn:vmmiddleware:vmconfig:1\" name=\"f\"><actions><base id=\"b\" path=\"disk.img\"/></actions></vmconfig>", "<RequestFile><Path>disk.img</Path><Content>AA==</Content></RequestFile>")), "InvalidRequest", "registered base"),
        };
        foreach (var (name, message, code, reason) in cases)
        {
            var operation = System.Text.RegularExpressions.Regex.Match(message, "<s:Body><(\\w+)").Groups[1].Value;
            var (status, answer) = await SendAsync(rig, proxy, operation.Length > 0 ? operation : "Describe", message);
            Assert.IsTrue(status is 400 or 413 or 500, $"{name}: HTTP {status}: {answer}");
            StringAssert.Contains(answer, code + "</faultcode>", name + ": " + answer);
            StringAssert.Contains(answer, reason, name + ": " + answer);
            Assert.DoesNotContain("   at ", answer, name + ": no stack trace");
        }

        Assert.AreEqual(before, Trace(rig), "no ticket, request directory or state was left by the refused requests");
    }

    [TestMethod]
    public async Task SubmitBuild_OverQuota_FaultNamesTheQuota()
    {
        var rig = await FactoryRig.Shared;
        var pki = FactoryRig.Pki;
        var config = System.Security.SecurityElement.Escape(FactoryRig.Dag("quota", $"<script id=\"slow\">sleep 3; echo {Guid.NewGuid():N} &gt; /etc/quota</script>"));
        var submit = $"<SubmitBuild xmlns=\"{Ns}\"><request><Configuration>{config}</Configuration><Format>chain</Format></request></SubmitBuild>";

        var (status, answer) = await PostAsync(rig, pki.User("frank"), "SubmitBuild", submit);
        Assert.AreEqual(500, status, answer);
        StringAssert.Contains(answer, "QuotaExceeded</faultcode>");
        StringAssert.Contains(answer, "quota exceeded: stored bytes: 'frank' owns 0 of 0 bytes");

        (status, answer) = await PostAsync(rig, pki.User("carol"), "SubmitBuild", submit);
        Assert.AreEqual(200, status, answer);
        (status, var second) = await PostAsync(rig, pki.User("carol"), "SubmitBuild", submit);
        Assert.AreEqual(500, status, second);
        StringAssert.Contains(second, "quota exceeded: concurrent builds: 'carol' has 1 of 1 builds queued or running");

        var ticket = System.Text.RegularExpressions.Regex.Match(answer, "<TicketId>([0-9a-f]{32})</TicketId>").Groups[1].Value;
        string waited;
        do
        {
            (_, waited) = await PostAsync(rig, pki.User("carol"), "WaitTicket", $"<WaitTicket xmlns=\"{Ns}\"><ticketId>{ticket}</ticketId><timeoutSeconds>60</timeoutSeconds></WaitTicket>");
        }
        while (waited.Contains("<State>Queued</State>", StringComparison.Ordinal) || waited.Contains("<State>Running</State>", StringComparison.Ordinal));

        StringAssert.Contains(waited, "<State>Succeeded</State>");
    }

    private static Task<(int Status, string Answer)> PostAsync(FactoryRig rig, string? credential, string operation, string body) =>
        SendAsync(rig, credential, operation, $"<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>{body}</s:Body></s:Envelope>");

    /// <summary>Posts a whole message through the factory's TLS with <paramref name="credential"/> (or none).</summary>
    private static async Task<(int Status, string Answer)> SendAsync(FactoryRig rig, string? credential, string operation, string message)
    {
        using var handler = credential is null
            ? new VmMiddleware.Factory.Contracts.Transport.GsiHttpHandler(null, new VmMiddleware.Factory.Contracts.Security.TrustDirectory(FactoryRig.Pki.TrustDirectory))
            : FactoryRig.Handler(credential);
        using var http = new HttpClient(handler);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(rig.Url, FactoryNames.EndpointPath)) { Content = new StringContent(message, Encoding.UTF8, "text/xml") };
        request.Headers.Add("SOAPAction", $"\"{FactoryNames.Action(operation)}\"");
        using var response = await http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>What a request could leave behind: tickets in the database, request directories, committed states.</summary>
    private static string Trace(FactoryRig rig)
    {
        var requests = Path.Combine(rig.DataDirectory, "requests");
        var directories = Directory.Exists(requests) ? Directory.GetDirectories(requests).Length : 0;
        var states = Directory.GetFiles(Path.Combine(rig.Store, "states"), "*.json").Length;
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(rig.DataDirectory, "factory.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM tickets";
        return $"tickets {command.ExecuteScalar()}, request directories {directories}, states {states}";
    }
}
