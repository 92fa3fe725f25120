using System.Diagnostics;
using VmMiddleware.ClassAds;
using VmMiddleware.Integration.Tests.Support;
using VmMiddleware.Plugins.Site;
using VmMiddleware.Qemu.Installation;

namespace VmMiddleware.Integration.Tests.Plugins;

/// <summary>The scripts a site operator installs from condor-plugins/ (the startd cron job and the plugin wrapper), run as HTCondor runs them.</summary>
[TestClass]
public sealed class CondorPluginScriptsTests
{
    [TestMethod]
    public async Task StartdCron_OnThisHost_TellsWhatTheLauncherFinds()
    {
        await using var factory = await PluginFactory.StartAsync();
        var state = await factory.AddStateAsync(null, 256 << 10);
        var run = new PluginRun(Path.Combine(factory.Root, "cron"));
        var (fetched, stderr, _) = await run.RunAsync([($"vmimage://{factory.Authority}/{state}", Path.Combine(run.Directory, "job", state))]);
        Assert.AreEqual(0, fetched, stderr);

        var (code, stdout, _) = await RunScriptAsync("vmmiddleware_startd_cron", Wrapper(run.Directory), run.Config);

        Assert.AreEqual(0, code);
        var ad = ClassAd.ParseOldSyntax(stdout, "startd cron output");
        Assert.IsTrue(ad.EvaluateAttribute("HasVmMiddleware").AsBoolean, stdout);
        var launcher = await new AcceleratorProbe().ChooseAsync(CancellationToken.None);
        Assert.AreEqual(launcher.QemuName, ad.EvaluateAttribute("QemuAccelerator").AsString, launcher.Reason);
        var version = (await ToolRun.RunAsync(QemuEnvironment.Qemu.Binary, ["--version"], timeout: TimeSpan.FromMinutes(1))).Stdout.Split('\n')[0];
        StringAssert.Contains(version, "version " + ad.EvaluateAttribute("QemuVersion").AsString + " ");
        Assert.AreEqual(SiteAd.MemTotalMiB(File.ReadAllText("/proc/meminfo")), ad.EvaluateAttribute("VmMiddlewareMaxMemory").AsInteger);
        Assert.IsTrue(ad.Evaluate($"stringListMember(\"{state}\", VmMiddlewareCachedLayers)").AsBoolean, stdout);
        Assert.IsFalse(string.IsNullOrEmpty(ad.EvaluateAttribute("VmMiddlewareVersion").AsString));
    }

    [TestMethod]
    public async Task StartdCron_NoVmgrid_AdvertisesHasVmMiddlewareFalse()
    {
        using var dir = new TempDir();

        var (code, stdout, _) = await RunScriptAsync("vmmiddleware_startd_cron", Path.Combine(dir.Path, "missing-vmgrid"), null);

        Assert.AreEqual(0, code);
        var ad = ClassAd.ParseOldSyntax(stdout);
        Assert.IsFalse(ad.EvaluateAttribute("HasVmMiddleware").AsBoolean);
        StringAssert.Contains(ad.EvaluateAttribute("VmMiddlewareProblem").AsString, "not found");
    }

    [TestMethod]
    public async Task VmImagePluginWrapper_Classad_ExecsVmgridWithTheArguments()
    {
        using var dir = new TempDir();

        var (code, stdout, stderr) = await RunScriptAsync("vmimage_plugin", Wrapper(dir.Path), null, "-classad");

        Assert.AreEqual(0, code, stderr);
        var ad = ClassAd.ParseOldSyntax(stdout);
        Assert.AreEqual("vmimage", ad.EvaluateAttribute("SupportedMethods").AsString);
        Assert.IsTrue(ad.EvaluateAttribute("MultipleFileSupport").AsBoolean);
    }

    /// <summary>Writes an executable that runs the built vmgrid.dll, standing in for the published vmgrid beside the scripts.</summary>
    private static string Wrapper(string directory)
    {
        var path = Path.Combine(directory, "vmgrid-under-test");
        File.WriteAllText(path, $"#!/bin/sh\nexec dotnet {RepoPaths.VmgridDll} \"$@\"\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunScriptAsync(string script, string vmgrid, string? config, params string[] arguments)
    {
        var info = new ProcessStartInfo(Path.Combine(RepoPaths.Root, "condor-plugins", script)) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["VMGRID"] = vmgrid;
        info.Environment.Remove("VMMIDDLEWARE_ACCEL"); // the cron job probes, as the launcher does
        if (config is not null)
        {
            info.Environment["VMMIDDLEWARE_PLUGIN_CONFIG"] = config;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
