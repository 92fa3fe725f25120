using System.Diagnostics;
using VmMiddleware.Factory.Contracts.Service;

namespace VmMiddleware.Integration.Tests.Factory;

/// <summary>curl as a SOAP client: hand-written envelopes posted with a client certificate or proxy, the service's CA trusted.</summary>
internal static class FactoryCurl
{
    /// <summary>Posts <paramref name="body"/> (the content of soap:Body) as <paramref name="operation"/>; returns the HTTP status and the answer.</summary>
    public static (int Status, string Answer) Post(Uri service, string operation, string body, string? credential)
    {
        var envelope = $"<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>{body}</s:Body></s:Envelope>";
        return Run(service, [
            "-H", "Content-Type: text/xml; charset=utf-8", "-H", $"SOAPAction: \"{FactoryNames.Action(operation)}\"",
            "--data-binary", "@-", new Uri(service, FactoryNames.EndpointPath).ToString(),
        ], credential, envelope);
    }

    /// <summary>Runs curl with the test CA trusted, optionally a client credential, and returns the HTTP status and body.</summary>
    public static (int Status, string Answer) Run(Uri service, IEnumerable<string> args, string? credential, string? input = null)
    {
        var info = new ProcessStartInfo(RequiredTool.Find("curl")) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var arg in new[] { "-sS", "--max-time", "120", "--capath", FactoryRig.Pki.TrustDirectory, "-w", "\n%{http_code}" }
            .Concat(credential is null ? [] : ["--cert", credential, "--key", credential]).Concat(args))
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment.Remove("CURL_CA_BUNDLE");
        using var process = Process.Start(info)!;
        if (input is not null)
        {
            process.StandardInput.Write(input);
        }

        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEnd();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.AreEqual(0, process.ExitCode, $"curl failed against {service}: {stderr}");
        var newline = stdout.LastIndexOf('\n');
        return (int.Parse(stdout[(newline + 1)..], System.Globalization.CultureInfo.InvariantCulture), stdout[..newline]);
    }
}
