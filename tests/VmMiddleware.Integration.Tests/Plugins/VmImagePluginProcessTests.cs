using System.Security.Cryptography;
using VmMiddleware.ClassAds;
using VmMiddleware.ClassAds.Values;
using VmMiddleware.Integration.Tests.Images;
using VmMiddleware.Integration.Tests.Support;

namespace VmMiddleware.Integration.Tests.Plugins;

/// <summary>The vmimage plugin run as HTCondor's starter runs it (a process, -infile/-outfile ads) against the real factory service.</summary>
[TestClass]
public sealed class VmImagePluginProcessTests
{
    private static PluginFactory _factory = null!;
    private static string _base = null!;
    private static string _middle = null!;
    private static string _top = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        _factory = await PluginFactory.StartAsync();
        _base = await _factory.AddStateAsync(null, 3 << 20);
        _middle = await _factory.AddStateAsync(_base, 1 << 20);
        _top = await _factory.AddStateAsync(_middle, 512 << 10);
    }

    [ClassCleanup]
    public static async Task StopAsync() => await _factory.DisposeAsync();

    [TestMethod]
    public async Task Download_ImageChain_LinksEveryLayerIntoTheJobAndASecondJobDownloadsAlmostNothing()
    {
        var run = new PluginRun(Path.Combine(_factory.Root, "success"));
        var job = Path.Combine(run.Directory, "job1");
        var url = $"vmimage://{_factory.Authority}/{_top}";

        var (code, stderr, results) = await run.RunAsync([(url, Path.Combine(job, _top))]);

        Assert.AreEqual(0, code, stderr);
        var ad = Single(results);
        Assert.IsTrue(ad.EvaluateAttribute("TransferSuccess").AsBoolean);
        Assert.AreEqual(url, ad.EvaluateAttribute("TransferUrl").AsString);
        Assert.AreEqual(Path.Combine(job, _top), ad.EvaluateAttribute("TransferFileName").AsString);
        Assert.AreEqual("vmimage", ad.EvaluateAttribute("TransferProtocol").AsString);
        Assert.AreEqual("download", ad.EvaluateAttribute("TransferType").AsString);
        Assert.IsTrue(ad.EvaluateAttribute("TransferEndTime").AsInteger >= ad.EvaluateAttribute("TransferStartTime").AsInteger);
        Assert.AreEqual(ValueKind.Real, ad.EvaluateAttribute("ConnectionTimeSeconds").Kind);
        var chainBytes = new[] { _base, _middle, _top }.Sum(id => _factory.Layer(id).Size);
        var first = ad.EvaluateAttribute("TransferTotalBytes").AsInteger;
        Assert.IsTrue(first >= chainBytes, $"{first} bytes received for a chain of {chainBytes}");
        Assert.AreEqual(3L, ad.EvaluateAttribute("DeveloperData").AsClassAd.EvaluateAttribute("DownloadedLayers").AsInteger);
        Assert.AreEqual(3L, ad.EvaluateAttribute("DeveloperData").AsClassAd.EvaluateAttribute("LinkedLayers").AsInteger);
        AssertSameContent(_factory.LayerPath(_top), Path.Combine(job, _top));
        AssertSameContent(_factory.LayerPath(_middle), Path.Combine(job, _middle + ".qcow2"));
        AssertSameContent(_factory.LayerPath(_base), Path.Combine(job, _base + ".qcow2"));
        var info = ImageTools.Run("qemu-img", "info", "--backing-chain", "-U", Path.Combine(job, _top)).EnsureSuccess().StandardOutput;
        StringAssert.Contains(info, _base + ".qcow2");
        CollectionAssert.AreEquivalent(new[] { _base, _middle, _top }, (await run.OpenCacheAsync()).StateIds().ToArray());
        Assert.AreEqual(0, (await run.CheckCacheAsync()).Count, string.Join("\n", await run.CheckCacheAsync()));

        var job2 = Path.Combine(run.Directory, "job2");
        var (code2, stderr2, second) = await run.RunAsync([(url, Path.Combine(job2, _top))]);

        Assert.AreEqual(0, code2, stderr2);
        var again = Single(second).EvaluateAttribute("TransferTotalBytes").AsInteger;
        Assert.IsTrue(again * 100 < first, $"the second job received {again} bytes, the first {first}");
        Assert.AreEqual(0L, Single(second).EvaluateAttribute("DeveloperData").AsClassAd.EvaluateAttribute("DownloadedLayers").AsInteger);
        AssertSameContent(_factory.LayerPath(_top), Path.Combine(job2, _top));
    }

    [TestMethod]
    public async Task Download_AsAnUnprivilegedAccount_CachesReadOnlyLayersAndLinksThem()
    {
        var run = new PluginRun(Path.Combine(_factory.Root, "unprivileged"));
        run.RunAs(65534);
        var job = Path.Combine(run.Directory, "job");

        var (code, stderr, results) = await run.RunAsync([($"vmimage://{_factory.Authority}/{_top}", Path.Combine(job, _top))]);

        Assert.AreEqual(0, code, stderr);
        Assert.IsTrue(Single(results).EvaluateAttribute("TransferSuccess").AsBoolean);
        AssertSameContent(_factory.LayerPath(_base), Path.Combine(job, _base + ".qcow2"));
        Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(Path.Combine(job, _top)), "the cache's objects are read-only");
        Assert.AreEqual(0, (await run.CheckCacheAsync()).Count);
    }

    [TestMethod]
    public async Task Download_ImageSharingAllButItsLastLayer_DownloadsOnlyThatLayer()
    {
        var run = new PluginRun(Path.Combine(_factory.Root, "sibling"));
        await run.RunAsync([($"vmimage://{_factory.Authority}/{_top}", Path.Combine(run.Directory, "a", _top))]);
        var sibling = await _factory.AddStateAsync(_middle, 256 << 10);

        var (code, stderr, results) = await run.RunAsync([($"vmimage://{_factory.Authority}/{sibling}.qcow2", Path.Combine(run.Directory, "b", sibling + ".qcow2"))]);

        Assert.AreEqual(0, code, stderr);
        var developer = Single(results).EvaluateAttribute("DeveloperData").AsClassAd;
        Assert.AreEqual(1L, developer.EvaluateAttribute("DownloadedLayers").AsInteger);
        Assert.AreEqual(3L, developer.EvaluateAttribute("ChainLayers").AsInteger);
        Assert.IsTrue(Single(results).EvaluateAttribute("TransferTotalBytes").AsInteger < _factory.Layer(sibling).Size + (64 << 10));
        AssertSameContent(_factory.LayerPath(sibling), Path.Combine(run.Directory, "b", sibling + ".qcow2"));
        Assert.AreEqual(0, (await run.CheckCacheAsync()).Count);
    }

    [TestMethod]
    public async Task Download_MissingImage_SpecificationErrorNotRetryable()
    {
        var run = new PluginRun(Path.Combine(_factory.Root, "missing"));
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

        var (code, stderr, results) = await run.RunAsync([($"vmimage://{_factory.Authority}/{id}", Path.Combine(run.Directory, "job", id))]);

        Assert.AreEqual(1, code);
        var error = Failure(Single(results));
        Assert.AreEqual("Specification", error.EvaluateAttribute("ErrorType").AsString);
        Assert.AreEqual(404L, error.EvaluateAttribute("ErrorCode").AsInteger);
        Assert.AreEqual(-1L, error.EvaluateAttribute("Retryable").AsInteger);
        Assert.AreEqual(_factory.Authority, error.EvaluateAttribute("FailedServer").AsString);
        StringAssert.Contains(stderr, id);
        Assert.IsFalse(File.Exists(Path.Combine(run.Directory, "job", id)));
        Assert.AreEqual(0, (await run.CheckCacheAsync()).Count);
    }

    [TestMethod]
    public async Task Download_LayerAlteredOnTheService_ChecksumErrorAndNothingCached()
    {
        var run = new PluginRun(Path.Combine(_factory.Root, "corrupt"));
        var good = await _factory.AddStateAsync(null, 256 << 10);
        var bad = await _factory.AddStateAsync(good, 256 << 10);
        var layer = _factory.LayerPath(bad);
        using (var file = new FileStream(layer, FileMode.Open, FileAccess.ReadWrite))
        {
            file.Seek(-100, SeekOrigin.End);
            var b = file.ReadByte();
            file.Seek(-1, SeekOrigin.Current);
            file.WriteByte((byte)(b ^ 0xFF));
        }

        var (code, _, results) = await run.RunAsync([($"vmimage://{_factory.Authority}/{bad}", Path.Combine(run.Directory, "job", bad))]);

        Assert.AreEqual(1, code);
        var error = Failure(Single(results));
        Assert.AreEqual("Transfer", error.EvaluateAttribute("ErrorType").AsString);
        Assert.AreEqual(1003L, error.EvaluateAttribute("ErrorCode").AsInteger);
        StringAssert.Contains(error.EvaluateAttribute("ErrorString").AsString, "SHA-256");
        Assert.IsFalse(File.Exists(Path.Combine(run.Directory, "job", bad)));
        CollectionAssert.AreEqual(new[] { good }, (await run.OpenCacheAsync()).StateIds().ToArray(), "only the good parent is cached");
        Assert.AreEqual(0, (await run.CheckCacheAsync()).Count);
    }

    [TestMethod]
    public async Task Download_ServiceUnreachable_ContactErrorRetryable()
    {
        var run = new PluginRun(Path.Combine(_factory.Root, "unreachable"));
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var (code, _, results) = await run.RunAsync([($"vmimage://127.0.0.1:{port}/{_top}", Path.Combine(run.Directory, "job", _top))]);

        Assert.AreEqual(1, code);
        var error = Failure(Single(results));
        Assert.AreEqual("Contact", error.EvaluateAttribute("ErrorType").AsString);
        Assert.AreEqual(0L, error.EvaluateAttribute("Retryable").AsInteger);
        Assert.AreEqual("127.0.0.1:" + port, error.EvaluateAttribute("FailedServer").AsString);
        Assert.AreEqual(0, (await run.CheckCacheAsync()).Count);
    }

    [TestMethod]
    public async Task Download_ConnectionDroppedHalfWay_ResumesWithRangeAndSucceeds()
    {
        var run = new PluginRun(Path.Combine(_factory.Root, "dropped"));
        var big = await _factory.AddStateAsync(null, 4 << 20);
        var size = _factory.Layer(big).Size;
        using var relay = new TcpRelay(_factory.Url);
        relay.CutConnections(2, size / 2);

        var (code, stderr, results) = await run.RunAsync([($"vmimage://{relay.Authority}/{big}", Path.Combine(run.Directory, "job", big))]);

        Assert.AreEqual(0, code, stderr);
        var ad = Single(results);
        Assert.IsTrue(ad.EvaluateAttribute("TransferSuccess").AsBoolean);
        Assert.IsTrue(ad.EvaluateAttribute("DeveloperData").AsClassAd.EvaluateAttribute("TransferTries").AsInteger >= 3, "the download was not retried");
        Assert.IsTrue(relay.BytesToClient < 2 * size, $"{relay.BytesToClient} bytes went through the relay for a {size}-byte layer: the retry did not resume");
        AssertSameContent(_factory.LayerPath(big), Path.Combine(run.Directory, "job", big));
        Assert.AreEqual(0, (await run.CheckCacheAsync()).Count);
    }

    [TestMethod]
    public async Task Download_PluginKilledMidDownload_CacheRecoversAndTheNextPluginSucceeds()
    {
        var run = new PluginRun(Path.Combine(_factory.Root, "killed"));
        var big = await _factory.AddStateAsync(null, 4 << 20);
        using var relay = new TcpRelay(_factory.Url);
        relay.StallConnections(_factory.Layer(big).Size / 2);
        var pid = 0;
        var temporaries = Path.Combine(run.CacheRoot, "tmp");

        var killed = run.RunAsync([($"vmimage://{relay.Authority}/{big}", Path.Combine(run.Directory, "job1", big))], started: p => pid = p.Id);
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (!(Directory.Exists(temporaries) && Directory.GetFiles(temporaries).Any(f => new FileInfo(f).Length > 0)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.IsTrue(Directory.GetFiles(temporaries).Length > 0, "the download never started");
        ImageTools.Run("kill", "-KILL", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)).EnsureSuccess();
        var (killedCode, _, _) = await killed;
        Assert.AreNotEqual(0, killedCode);

        // The next plugin opens the cache (recovery deletes the dead plugin's partial layer) and fetches the image whole.
        var (code, stderr, results) = await run.RunAsync([($"vmimage://{_factory.Authority}/{big}", Path.Combine(run.Directory, "job2", big))]);

        Assert.AreEqual(0, code, stderr);
        Assert.IsTrue(Single(results).EvaluateAttribute("TransferSuccess").AsBoolean);
        AssertSameContent(_factory.LayerPath(big), Path.Combine(run.Directory, "job2", big));
        Assert.AreEqual(0, Directory.GetFiles(temporaries).Length, "no partial download is left behind");
        Assert.AreEqual(0, (await run.CheckCacheAsync()).Count);
    }

    [TestMethod]
    public async Task Download_TwoPluginsFetchTheSameImageAtOnce_EachLayerDownloadedOnceBothSucceed()
    {
        var run = new PluginRun(Path.Combine(_factory.Root, "concurrent"));
        var lower = await _factory.AddStateAsync(null, 4 << 20);
        var upper = await _factory.AddStateAsync(lower, 1 << 20);
        var url = $"vmimage://{_factory.Authority}/{upper}";

        var both = await Task.WhenAll(
            run.RunAsync([(url, Path.Combine(run.Directory, "job1", upper))]),
            run.RunAsync([(url, Path.Combine(run.Directory, "job2", upper))]));

        Assert.IsTrue(both.All(r => r.ExitCode == 0), string.Join("\n", both.Select(r => r.Stderr)));
        var downloaded = both.Sum(r => Single(r.Results).EvaluateAttribute("DeveloperData").AsClassAd.EvaluateAttribute("DownloadedLayers").AsInteger);
        Assert.AreEqual(2L, downloaded, "each of the two layers is downloaded by one plugin only");
        var chain = _factory.Layer(lower).Size + _factory.Layer(upper).Size;
        var received = both.Sum(r => Single(r.Results).EvaluateAttribute("TransferTotalBytes").AsInteger);
        Assert.IsTrue(received < chain * 3 / 2, $"{received} bytes received by both for a {chain}-byte chain");
        AssertSameContent(_factory.LayerPath(upper), Path.Combine(run.Directory, "job1", upper));
        AssertSameContent(_factory.LayerPath(upper), Path.Combine(run.Directory, "job2", upper));
        Assert.AreEqual(0, (await run.CheckCacheAsync()).Count);
    }

    [TestMethod]
    public async Task Download_ChainLargerThanTheCacheCap_QuotaFailureNotRetryable()
    {
        var run = new PluginRun(Path.Combine(_factory.Root, "full"), cap: "1M");

        var (code, _, results) = await run.RunAsync([($"vmimage://{_factory.Authority}/{_top}", Path.Combine(run.Directory, "job", _top))]);

        Assert.AreEqual(1, code);
        var error = Failure(Single(results));
        Assert.AreEqual("Transfer", error.EvaluateAttribute("ErrorType").AsString);
        Assert.AreEqual("Quota", error.EvaluateAttribute("FailureType").AsString);
        Assert.AreEqual(1004L, error.EvaluateAttribute("ErrorCode").AsInteger);
        Assert.AreEqual(-1L, error.EvaluateAttribute("Retryable").AsInteger);
        Assert.AreEqual(0, (await run.OpenCacheAsync()).StateIds().Count);
        Assert.AreEqual(0, (await run.CheckCacheAsync()).Count);
    }

    [TestMethod]
    public async Task Download_ConfiguredFactoryAndSeveralRequests_OneResultPerRequestInOrder()
    {
        var run = new PluginRun(Path.Combine(_factory.Root, "configured"), factory: _factory.Url.ToString());
        var missing = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

        var (code, _, results) = await run.RunAsync([
            ($"vmimage://factory/{_middle}", Path.Combine(run.Directory, "job", _middle)),
            ($"vmimage://factory/{missing}", Path.Combine(run.Directory, "job", missing)),
            ("vmimage://factory/not-an-id", Path.Combine(run.Directory, "job", "x"))]);

        Assert.AreEqual(1, code, "one failure makes the run fail");
        Assert.AreEqual(3, results.Count);
        Assert.IsTrue(results[0].EvaluateAttribute("TransferSuccess").AsBoolean);
        Assert.AreEqual("Specification", Failure(results[1]).EvaluateAttribute("ErrorType").AsString);
        Assert.AreEqual("Parameter", Failure(results[2]).EvaluateAttribute("ErrorType").AsString);
        Assert.IsTrue(Failure(results[2]).EvaluateAttribute("PluginLaunched").AsBoolean);
        AssertSameContent(_factory.LayerPath(_middle), Path.Combine(run.Directory, "job", _middle));
    }

    [TestMethod]
    public async Task Upload_AnyRequest_ParameterErrorExit1()
    {
        var run = new PluginRun(Path.Combine(_factory.Root, "upload"));
        var infile = Path.Combine(run.Directory, "up.in");
        var outfile = Path.Combine(run.Directory, "up.out");
        await File.WriteAllTextAsync(infile, $"[ Url = \"vmimage://{_factory.Authority}/{_top}\"; LocalFileName = \"{infile}\" ]");

        var (code, _, _) = await run.RunPluginAsync(["-infile", infile, "-outfile", outfile, "-upload"]);

        Assert.AreEqual(1, code);
        var ad = ClassAd.ParseNewSyntaxSequence(await File.ReadAllTextAsync(outfile)).Single();
        Assert.AreEqual("upload", ad.EvaluateAttribute("TransferType").AsString);
        Assert.AreEqual("Parameter", Failure(ad).EvaluateAttribute("ErrorType").AsString);
    }

    [TestMethod]
    public async Task Plugin_MalformedInfile_OneLineNamingTheFileExit1()
    {
        var run = new PluginRun(Path.Combine(_factory.Root, "malformed"));

        var (code, stderr, results) = await run.RunAsync([], rawInput: "[ Url = \"vmimage://x/y\"; LocalFileName = ");

        Assert.AreEqual(1, code);
        Assert.AreEqual(1, stderr.Trim().Split('\n').Length, stderr);
        StringAssert.Contains(stderr, ".in: line 1, column");
        Assert.AreEqual(0, results.Count);
    }

    [TestMethod]
    public async Task Plugin_Classad_PrintsTheCapabilityAdHTCondorReads()
    {
        var run = new PluginRun(Path.Combine(_factory.Root, "classad"));

        var (code, stdout, _) = await run.RunPluginAsync(["-classad"]);

        Assert.AreEqual(0, code);
        var ad = ClassAd.ParseOldSyntax(stdout);
        Assert.IsTrue(ad.EvaluateAttribute("MultipleFileSupport").AsBoolean);
        Assert.AreEqual("FileTransfer", ad.EvaluateAttribute("PluginType").AsString);
        Assert.AreEqual("vmimage", ad.EvaluateAttribute("SupportedMethods").AsString);
        Assert.AreEqual(2L, ad.EvaluateAttribute("ProtocolVersion").AsInteger);
        Assert.AreEqual(ValueKind.String, ad.EvaluateAttribute("PluginVersion").Kind);
    }

    [TestMethod]
    public async Task PublishedLauncher_ClassadAndDownload_WorkAsTheDllDoes()
    {
        var vmgrid = await PublishedLauncher.PathAsync();
        var run = new PluginRun(Path.Combine(_factory.Root, "published"));

        var (classCode, stdout, _) = await run.RunPluginAsync(["-classad"], vmgrid);
        var (code, stderr, results) = await run.RunAsync([($"vmimage://{_factory.Authority}/{_top}", Path.Combine(run.Directory, "job", _top))], vmgrid);

        Assert.AreEqual(0, classCode);
        StringAssert.Contains(stdout, "SupportedMethods = \"vmimage\"");
        Assert.AreEqual(0, code, stderr);
        Assert.IsTrue(Single(results).EvaluateAttribute("TransferSuccess").AsBoolean);
        AssertSameContent(_factory.LayerPath(_base), Path.Combine(run.Directory, "job", _base + ".qcow2"));
        Assert.AreEqual(0, (await run.CheckCacheAsync()).Count);
    }

    private static ClassAd Single(IReadOnlyList<ClassAd> results)
    {
        Assert.AreEqual(1, results.Count, "one result ad per request");
        return results[0];
    }

    private static ClassAd Failure(ClassAd result)
    {
        Assert.IsFalse(result.EvaluateAttribute("TransferSuccess").AsBoolean);
        Assert.AreEqual(ValueKind.String, result.EvaluateAttribute("TransferError").Kind);
        var list = result.EvaluateAttribute("TransferErrorData");
        Assert.AreEqual(ValueKind.List, list.Kind);
        var first = result.Evaluate(list.AsList.Items[0]);
        Assert.AreEqual(ValueKind.ClassAd, first.Kind);
        var error = first.AsClassAd;
        foreach (var name in new[] { "ErrorType", "ErrorCode", "ErrorString", "Retryable" })
        {
            Assert.IsTrue(error.Contains(name), "TransferErrorData lacks " + name);
        }

        return error;
    }

    private static void AssertSameContent(string expected, string actual)
    {
        Assert.IsTrue(File.Exists(actual), actual + " was not handed to the job");
        CollectionAssert.AreEqual(SHA256.HashData(File.ReadAllBytes(expected)), SHA256.HashData(File.ReadAllBytes(actual)), actual);
    }
}
