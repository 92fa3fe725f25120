using VmMiddleware.ClassAds.Values;
using VmMiddleware.Integration.Tests.Factory;

namespace VmMiddleware.Integration.Tests.Plugins;

/// <summary>The vmimage plugin, run as HTCondor's starter runs it, against a factory whose certificate its trust directory does not vouch for.</summary>
[TestClass]
public sealed class VmImagePluginTrustTests
{
    [TestMethod]
    public async Task Download_ServerCertificateNotTrusted_AuthorizationErrorNotRetriedNotRetryable()
    {
        await using var factory = await PluginFactory.StartAsync();
        var state = await factory.AddStateAsync(null, 256 << 10);
        var run = new PluginRun(Path.Combine(factory.Root, "untrusted"));
        var empty = Directory.CreateDirectory(Path.Combine(run.Directory, "no-cas")).FullName;
        File.WriteAllText(run.Config, File.ReadAllText(run.Config).Replace(FactoryRig.Pki.TrustDirectory, empty, StringComparison.Ordinal));

        var (code, stderr, results) = await run.RunAsync([($"vmimage://{factory.Authority}/{state}", Path.Combine(run.Directory, "job", state))]);

        Assert.AreEqual(1, code, stderr);
        var result = results.Single();
        Assert.IsFalse(result.EvaluateAttribute("TransferSuccess").AsBoolean);
        var error = result.Evaluate(result.EvaluateAttribute("TransferErrorData").AsList.Items[0]).AsClassAd;
        Assert.AreEqual("Authorization", error.EvaluateAttribute("ErrorType").AsString, error.ToString());
        Assert.AreEqual(1008L, error.EvaluateAttribute("ErrorCode").AsInteger);
        Assert.AreEqual(-1L, error.EvaluateAttribute("Retryable").AsInteger);
        Assert.AreEqual(factory.Authority, error.EvaluateAttribute("FailedServer").AsString);
        StringAssert.Contains(error.EvaluateAttribute("ErrorString").AsString, "the server's certificate is not trusted");
        Assert.AreEqual(ValueKind.Integer, result.EvaluateAttribute("DeveloperData").AsClassAd.EvaluateAttribute("TransferTries").Kind);
        Assert.AreEqual(1L, result.EvaluateAttribute("DeveloperData").AsClassAd.EvaluateAttribute("TransferTries").AsInteger, "a refused certificate is not tried again");
        Assert.IsFalse(File.Exists(Path.Combine(run.Directory, "job", state)));
        Assert.AreEqual(0, (await run.CheckCacheAsync()).Count);
    }
}
