using System.Diagnostics;
using System.Security.Cryptography;
using VmMiddleware.Integration.Tests.Factory;
using VmMiddleware.Integration.Tests.Images;

namespace VmMiddleware.Integration.Tests.Plugins;

/// <summary>
/// <c>vmgrid translate --to condor --factory URL</c> against the real factory service: an image the service holds (by content or by
/// name) becomes a vmimage:// URL in transfer_input_files and is not shipped; one it does not hold is shipped, with one line saying so;
/// and the URL the translator wrote is one the vmimage plugin, run as HTCondor's starter runs it, fetches.
/// </summary>
[TestClass]
public sealed class TranslateWithFactoryTests
{
    private static PluginFactory _factory = null!;
    private static string _base = null!;
    private static string _top = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        _factory = await PluginFactory.StartAsync();
        _base = await _factory.AddStateAsync(null, 2 << 20);
        _top = await _factory.AddStateAsync(_base, 256 << 10);
    }

    [ClassCleanup]
    public static async Task StopAsync() => await _factory.DisposeAsync();

    [TestMethod]
    public async Task Translate_ImageTheFactoryHoldsByContent_NamesAVmImageUrlThePluginFetches()
    {
        var dir = Directory.CreateDirectory(Path.Combine(_factory.Root, "by-content")).FullName;
        File.Copy(_factory.LayerPath(_base), Path.Combine(dir, "disk.qcow2"));

        var (code, stdout, stderr) = Translate(dir, "disk.qcow2", factory: _factory.Url.ToString());

        Assert.AreEqual(0, code, stderr);
        var output = Path.Combine(dir, "out");
        Assert.AreEqual(Path.Combine(output, "job.sub") + "\n", stdout);
        var url = $"vmimage://{_factory.Authority}/{_base}.qcow2";
        var submit = File.ReadAllText(Path.Combine(output, "job.sub"));
        StringAssert.Contains(TransferInputFiles(submit), url);
        Assert.DoesNotContain("disk.qcow2", TransferInputFiles(submit), submit);
        Assert.IsFalse(File.Exists(Path.Combine(output, "image-disk.qcow2")), "the held image is not shipped");
        StringAssert.Contains(stderr, $"holds it as image {_base} (SHA-256 {_factory.Layer(_base).Sha256} is its layer)");
        StringAssert.Contains(File.ReadAllText(Path.Combine(output, "workunit.xml")), _base + ".qcow2");

        // The starter hands the plugin the URL and a local name, the URL's last segment in the job's scratch directory.
        var run = new PluginRun(Path.Combine(dir, "plugin"));
        var job = Path.Combine(run.Directory, "job");
        var (pluginCode, pluginErr, results) = await run.RunAsync([(url, Path.Combine(job, _base + ".qcow2"))]);
        Assert.AreEqual(0, pluginCode, pluginErr);
        Assert.IsTrue(results.Single().EvaluateAttribute("TransferSuccess").AsBoolean, results.Single().ToString());
        CollectionAssert.AreEqual(SHA256.HashData(File.ReadAllBytes(Path.Combine(dir, "disk.qcow2"))), SHA256.HashData(File.ReadAllBytes(Path.Combine(job, _base + ".qcow2"))));
    }

    [TestMethod]
    public void Translate_ImageNamedByAStateTheFactoryHolds_NamesItsVmImageUrl()
    {
        var dir = Directory.CreateDirectory(Path.Combine(_factory.Root, "by-name")).FullName;
        ImageTools.Run("qemu-img", "create", "-f", "qcow2", Path.Combine(dir, _top + ".qcow2"), "16M").EnsureSuccess();

        var (code, _, stderr) = Translate(dir, _top + ".qcow2", factory: _factory.Url.ToString());

        Assert.AreEqual(0, code, stderr);
        StringAssert.Contains(TransferInputFiles(File.ReadAllText(Path.Combine(dir, "out", "job.sub"))), $"vmimage://{_factory.Authority}/{_top}.qcow2");
        StringAssert.Contains(stderr, $"holds it as image {_top} (by its name;");
    }

    [TestMethod]
    public void Translate_ImageTheFactoryDoesNotHold_ShipsItAndSaysSoInOneLine()
    {
        var dir = Directory.CreateDirectory(Path.Combine(_factory.Root, "not-held")).FullName;
        ImageTools.Run("qemu-img", "create", "-f", "qcow2", Path.Combine(dir, "own.qcow2"), "16M").EnsureSuccess();
        var sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(dir, "own.qcow2"))));

        var (code, _, stderr) = Translate(dir, "own.qcow2", factory: _factory.Url.ToString());

        Assert.AreEqual(0, code, stderr);
        var submit = File.ReadAllText(Path.Combine(dir, "out", "job.sub"));
        StringAssert.Contains(TransferInputFiles(submit), "image-own.qcow2");
        Assert.DoesNotContain("vmimage://", submit);
        Assert.IsTrue(File.Exists(Path.Combine(dir, "out", "image-own.qcow2")));
        var lines = stderr.Split('\n').Where(l => l.Contains("own.qcow2", StringComparison.Ordinal)).ToList();
        Assert.HasCount(1, lines, stderr);
        StringAssert.Contains(lines[0], $"does not hold it (no file with SHA-256 {sha} and");
        StringAssert.EndsWith(lines[0], "shipping it");
    }

    [TestMethod]
    public void Translate_FactoryFromTheEnvironmentThatCannotBeReached_ShipsTheImageAndSaysWhy()
    {
        var dir = Directory.CreateDirectory(Path.Combine(_factory.Root, "unreachable")).FullName;
        File.Copy(_factory.LayerPath(_base), Path.Combine(dir, "disk.qcow2"));
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var (code, _, stderr) = Translate(dir, "disk.qcow2", factory: null, environmentFactory: $"https://127.0.0.1:{port}");

        Assert.AreEqual(0, code, stderr);
        StringAssert.Contains(TransferInputFiles(File.ReadAllText(Path.Combine(dir, "out", "job.sub"))), "image-disk.qcow2");
        StringAssert.Contains(stderr, $"the factory at 127.0.0.1:{port} does not hold it (cannot ask it: ");
    }

    [TestMethod]
    public void Translate_FactoryWithRsl_RefusedInOneLine()
    {
        var dir = Directory.CreateDirectory(Path.Combine(_factory.Root, "rsl")).FullName;
        File.Copy(_factory.LayerPath(_base), Path.Combine(dir, "disk.qcow2"));

        var (code, _, stderr) = Translate(dir, "disk.qcow2", factory: _factory.Url.ToString(), form: "rsl");

        Assert.AreEqual(1, code, stderr);
        Assert.AreEqual("vmgrid: --factory applies to HTCondor jobs (--to condor or dag), not --to rsl; unset $VMMIDDLEWARE_FACTORY or drop --factory\n", stderr);
    }

    [TestMethod]
    public async Task Translate_LauncherAndBundleTheFactoryPublishes_NamesArtifactUrlsThePluginFetchesOncePerMachine()
    {
        var dir = Directory.CreateDirectory(Path.Combine(_factory.Root, "artifacts-job")).FullName;
        File.Copy(_factory.LayerPath(_base), Path.Combine(dir, "disk.qcow2"));
        var launcher = Path.Combine(dir, "launcher");
        File.WriteAllText(launcher, "#!/bin/sh\n# stand-in launcher " + Guid.NewGuid().ToString("N") + "\nexit 0\n");
        File.SetUnixFileMode(launcher, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var bundleText = "stand-in bundle " + Guid.NewGuid().ToString("N");
        File.Copy(launcher, Path.Combine(_factory.Artifacts, "vmgrid"), overwrite: true);
        File.WriteAllText(Path.Combine(_factory.Artifacts, "qemu-bundle.tar.gz"), bundleText);
        var launcherSha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(launcher)));
        try
        {
            var (code, _, stderr) = Translate(dir, "disk.qcow2", factory: _factory.Url.ToString(), launcher: launcher, bundleText: bundleText);

            Assert.AreEqual(0, code, stderr);
            var output = Path.Combine(dir, "out");
            var submit = File.ReadAllText(Path.Combine(output, "job.sub"));
            var launcherUrl = $"vmimage://{_factory.Authority}/artifacts/{launcherSha}/vmgrid";
            StringAssert.Contains(TransferInputFiles(submit), launcherUrl);
            StringAssert.Contains(TransferInputFiles(submit), $"vmimage://{_factory.Authority}/artifacts/{Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(bundleText)))}/qemu-bundle.tar.gz");
            StringAssert.Matches(submit, new System.Text.RegularExpressions.Regex(@"\nexecutable += vmgrid\n"));
            StringAssert.Matches(submit, new System.Text.RegularExpressions.Regex(@"\ntransfer_executable += false\n"));
            Assert.IsFalse(File.Exists(Path.Combine(output, "vmgrid")), "the published launcher is not shipped");
            Assert.IsFalse(File.Exists(Path.Combine(output, "qemu-bundle.tar.gz")), "the published bundle is not shipped");
            StringAssert.Contains(stderr, $"vmgrid: the factory at {_factory.Authority} publishes it (it publishes SHA-256 {launcherSha})");

            // The service counted the translator's lookups under their own routes, not as "other".
            using (var http = new HttpClient(FactoryRig.Handler()))
            {
                var metrics = await http.GetStringAsync(new Uri(_factory.Url, "/metrics"));
                StringAssert.Contains(metrics, "vmgrid_factory_request_duration_seconds_count{operation=\"/v1/content\"}");
                StringAssert.Contains(metrics, "vmgrid_factory_request_duration_seconds_count{operation=\"/v1/artifacts\"}");
            }

            // The starter's request for the launcher URL: the plugin fetches it into the machine's cache and links it, executable.
            var run = new PluginRun(Path.Combine(dir, "plugin"));
            var (first, firstErr, firstAds) = await run.RunAsync([(launcherUrl, Path.Combine(run.Directory, "job1", "vmgrid"))]);
            Assert.AreEqual(0, first, firstErr);
            Assert.IsTrue(firstAds.Single().EvaluateAttribute("TransferSuccess").AsBoolean, firstAds.Single().ToString());
            var job1 = Path.Combine(run.Directory, "job1", "vmgrid");
            CollectionAssert.AreEqual(File.ReadAllBytes(launcher), File.ReadAllBytes(job1));
            Assert.AreNotEqual(UnixFileMode.None, File.GetUnixFileMode(job1) & UnixFileMode.OtherExecute, "the launcher can be run");
            Assert.AreEqual(0, ImageTools.Run(job1).ExitCode);
            Assert.AreEqual(1L, firstAds.Single().EvaluateAttribute("DeveloperData").AsClassAd.EvaluateAttribute("DownloadedLayers").AsInteger);

            var (second, secondErr, secondAds) = await run.RunAsync([(launcherUrl, Path.Combine(run.Directory, "job2", "vmgrid"))]);
            Assert.AreEqual(0, second, secondErr);
            Assert.AreEqual(0L, secondAds.Single().EvaluateAttribute("TransferTotalBytes").AsInteger, "a cached artifact costs one HEAD and no body");
            Assert.AreEqual(0L, secondAds.Single().EvaluateAttribute("DeveloperData").AsClassAd.EvaluateAttribute("DownloadedLayers").AsInteger);
            Assert.AreEqual(0, (await run.CheckCacheAsync()).Count, string.Join("\n", await run.CheckCacheAsync()));
            Assert.IsEmpty((await run.OpenCacheAsync()).StateIds(), "an artifact is not advertised as an image layer");

            // A publication replaced since the URL was written is no longer found: a Specification error, not retried.
            File.WriteAllText(Path.Combine(_factory.Artifacts, "vmgrid"), "not the launcher");
            var (third, _, thirdAds) = await new PluginRun(Path.Combine(dir, "plugin-3")).RunAsync([(launcherUrl, Path.Combine(dir, "plugin-3", "job", "vmgrid"))]);
            Assert.AreEqual(1, third);
            var error = thirdAds.Single().Evaluate(thirdAds.Single().EvaluateAttribute("TransferErrorData").AsList.Items[0]).AsClassAd;
            Assert.AreEqual("Specification", error.EvaluateAttribute("ErrorType").AsString, error.ToString());
            Assert.AreEqual(-1L, error.EvaluateAttribute("Retryable").AsInteger);
            StringAssert.Contains(error.EvaluateAttribute("ErrorString").AsString, $"the factory service has no such published file {launcherSha}");
            Assert.DoesNotContain("no such image", error.EvaluateAttribute("ErrorString").AsString);
        }
        finally
        {
            File.Delete(Path.Combine(_factory.Artifacts, "vmgrid"));
            File.Delete(Path.Combine(_factory.Artifacts, "qemu-bundle.tar.gz"));
        }
    }

    private static string TransferInputFiles(string submit) =>
        submit.Split('\n').Single(l => l.StartsWith("transfer_input_files", StringComparison.Ordinal));

    private static (int Code, string Stdout, string Stderr) Translate(string dir, string image, string? factory, string? environmentFactory = null, string form = "condor", string launcher = "/bin/true", string bundleText = "stand-in bundle: the translator copies it unread")
    {
        var unit = Path.Combine(dir, "job.workunit.xml");
        File.WriteAllText(unit, $"""
            <workunit xmlns="urn:vmmiddleware:workunit:1" name="factory-image">
              <image kind="disk" path="{image}" format="qcow2"/>
              <command executable="/bin/true"/>
            </workunit>
            """);
        var bundle = Path.Combine(dir, "bundle.tar.gz");
        File.WriteAllText(bundle, bundleText);
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = dir };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "vmgrid.dll"), "translate", unit, "--to", form, "-o", Path.Combine(dir, "out"), "--launcher", launcher, "--qemu-bundle", bundle })
        {
            info.ArgumentList.Add(argument);
        }

        if (factory is not null)
        {
            info.ArgumentList.Add("--factory");
            info.ArgumentList.Add(factory);
        }

        info.Environment["X509_USER_PROXY"] = FactoryRig.Pki.AliceProxy;
        info.Environment["X509_CERT_DIR"] = FactoryRig.Pki.TrustDirectory;
        info.Environment["VMMIDDLEWARE_CACHE"] = Path.Combine(dir, "cache");
        if (environmentFactory is not null)
        {
            info.Environment["VMMIDDLEWARE_FACTORY"] = environmentFactory;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.IsTrue(process.WaitForExit(TimeSpan.FromMinutes(5)), "vmgrid translate did not finish");
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
