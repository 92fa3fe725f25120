using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace VmMiddleware.Integration.Tests.Factory;

/// <summary>Clients not written in .NET against the published contract: curl with hand-written envelopes, Python's zeep generating its client from ?wsdl; and the WSDL kept in schemas/ against the served one.</summary>
[TestClass]
[TestCategory("Integration")]
public sealed partial class SoapClientTests
{
    private const string Ns = "urn:vmmiddleware:factory:1";

    [TestMethod]
    public async Task Curl_HandWrittenEnvelopes_SubmitWaitDownloadWithProxy()
    {
        var rig = await FactoryRig.Shared;
        var proxy = FactoryRig.Pki.AliceProxy;
        var (status, describe) = FactoryCurl.Post(rig.Url, "Describe", $"<Describe xmlns=\"{Ns}\"/>", proxy);
        Assert.AreEqual(200, status, describe);
        StringAssert.Contains(describe, "<Account>alice</Account>");
        StringAssert.Contains(describe, $"<Subject>{FactoryPki.Subject("alice")}</Subject>", "the proxy is mapped through its end-entity subject");

        // The base alone, as a chain: answered from the store, no builder VM.
        var config = System.Security.SecurityElement.Escape(FactoryRig.Dag("curl", string.Empty));
        (status, var submitted) = FactoryCurl.Post(rig.Url, "SubmitBuild", $"<SubmitBuild xmlns=\"{Ns}\"><request><Configuration>{config}</Configuration><Format>chain</Format></request></SubmitBuild>", proxy);
        Assert.AreEqual(200, status, submitted);
        var ticket = TicketId().Match(submitted).Groups[1].Value;
        Assert.HasCount(32, ticket.ToCharArray(), submitted);
        string waited;
        do
        {
            (status, waited) = FactoryCurl.Post(rig.Url, "WaitTicket", $"<WaitTicket xmlns=\"{Ns}\"><ticketId>{ticket}</ticketId><timeoutSeconds>30</timeoutSeconds></WaitTicket>", proxy);
            Assert.AreEqual(200, status, waited);
        }
        while (waited.Contains("<State>Queued</State>", StringComparison.Ordinal) || waited.Contains("<State>Running</State>", StringComparison.Ordinal));

        StringAssert.Contains(waited, "<State>Succeeded</State>");
        var image = Regex.Match(waited, "<ImageId>([0-9a-f]{64})</ImageId>").Groups[1].Value;
        (status, var download) = FactoryCurl.Post(rig.Url, "GetDownload", $"<GetDownload xmlns=\"{Ns}\"><imageId>{image}</imageId><format>chain</format></GetDownload>", proxy);
        Assert.AreEqual(200, status, download);
        var url = Regex.Match(download, "<Url>([^<]+)</Url>").Groups[1].Value;
        var (rangeStatus, first) = FactoryCurl.Run(rig.Url, ["-r", "0-15", url], proxy);
        Assert.AreEqual(206, rangeStatus);
        StringAssert.StartsWith(first, "QFI", "a qcow2 header (QFI\\xfb)");

        (status, var fault) = FactoryCurl.Post(rig.Url, "GetTicket", $"<GetTicket xmlns=\"{Ns}\"><ticketId>../../etc/passwd</ticketId></GetTicket>", proxy);
        Assert.AreEqual(500, status);
        StringAssert.Contains(fault, "InvalidRequest</faultcode>");
    }

    [TestMethod]
    public async Task Zeep_ClientGeneratedFromWsdl_DescribesSubmitsWaitsAndGetsFaults()
    {
        var rig = await FactoryRig.Shared;
        var script = Path.Combine(rig.Dags, "zeep-client.py");
        File.WriteAllText(script, """
            import json, sys, requests, zeep
            from zeep.transports import Transport
            url, ca, cred, config = sys.argv[1:5]
            session = requests.Session()
            session.trust_env = False  # REQUESTS_CA_BUNDLE would otherwise replace the test CA
            session.verify = ca
            session.cert = (cred, cred)
            client = zeep.Client(url + "factory?wsdl", transport=Transport(session=session))
            out = {}
            info = client.service.Describe()
            out["account"] = info.Account
            out["formats"] = list(info.Formats.string)
            ticket = client.service.SubmitBuild(request={"Configuration": open(config).read(), "Format": "chain"})
            while ticket.State in ("Queued", "Running"):
                ticket = client.service.WaitTicket(ticketId=ticket.TicketId, timeoutSeconds=30)
            out["state"] = ticket.State
            download = client.service.GetDownload(imageId=ticket.ImageId, format="chain")
            out["layers"] = len(download.Layers.LayerDownload)
            out["listed"] = ticket.ImageId in [i.ImageId for i in client.service.ListImages().Images.ImageEntry]
            try:
                client.service.Delete(imageId="../../etc/passwd")
            except zeep.exceptions.Fault as fault:
                out["fault"] = [fault.code, fault.message]
            print(json.dumps(out))
            """);
        var config = Path.Combine(rig.Dags, "zeep.vmconfig.xml");
        File.WriteAllText(config, FactoryRig.Dag("zeep", string.Empty));
        var info = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { script, rig.Url.ToString(), FactoryRig.Pki.CaCertificate, FactoryRig.Pki.User("alice"), config })
        {
            info.ArgumentList.Add(arg);
        }

        if (!File.Exists("/usr/bin/python3"))
        {
            throw new AssertFailedException("Debian's python3 with python3-zeep is not installed; run scripts/setup.sh");
        }

        using var process = Process.Start(info)!;
        var stdout = await process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.AreEqual(0, process.ExitCode, "zeep client: " + stderr);
        using var result = JsonDocument.Parse(stdout);
        var root = result.RootElement;
        Assert.AreEqual("alice", root.GetProperty("account").GetString());
        Assert.AreEqual("Succeeded", root.GetProperty("state").GetString());
        Assert.AreEqual(1, root.GetProperty("layers").GetInt32());
        Assert.IsTrue(root.GetProperty("listed").GetBoolean());
        CollectionAssert.Contains(root.GetProperty("formats").EnumerateArray().Select(f => f.GetString()).ToList(), "vmdk");
        StringAssert.EndsWith(root.GetProperty("fault")[0].GetString(), "InvalidRequest");
        StringAssert.Contains(root.GetProperty("fault")[1].GetString(), "never paths");
    }

    [TestMethod]
    public async Task ServedWsdl_EqualsSchemasFactoryWsdl()
    {
        var rig = await FactoryRig.Shared;
        var (status, served) = FactoryCurl.Run(rig.Url, [new Uri(rig.Url, "/factory?wsdl").ToString()], credential: null);
        Assert.AreEqual(200, status);
        var normalized = Normalize(served);
        var kept = Path.Combine(AppContext.BaseDirectory, "schemas", "factory.wsdl");
        var expected = File.Exists(kept) ? Normalize(File.ReadAllText(kept)) : "(schemas/factory.wsdl is missing)";
        if (normalized != expected)
        {
            var fresh = Path.Combine(Path.GetTempPath(), "factory.wsdl.served");
            File.WriteAllText(fresh, normalized);
            Assert.Fail($"the served WSDL differs from schemas/factory.wsdl; if the contract change is intended, copy {fresh} over schemas/factory.wsdl");
        }
    }

    /// <summary>The WSDL with the endpoint address made host-independent and line ends unified.</summary>
    internal static string Normalize(string wsdl) =>
        AddressPattern().Replace(wsdl.Replace("\r\n", "\n", StringComparison.Ordinal).Trim(), "location=\"https://HOST:PORT/factory\"") + "\n";

    [GeneratedRegex("location=\"https?://[^\"]+/factory\"")]
    private static partial Regex AddressPattern();

    [GeneratedRegex("<TicketId>([0-9a-f]{32})</TicketId>")]
    private static partial Regex TicketId();
}
