using System.CommandLine;
using VmMiddleware.Cli.Settings;
using VmMiddleware.Plugins.Cache;
using VmMiddleware.Plugins.Site;
using VmMiddleware.Qemu.Installation;

namespace VmMiddleware.Cli.Verbs;

/// <summary>
/// <c>vmgrid site-ad</c>: the startd cron probe (condor-plugins/vmmiddleware_startd_cron runs it): prints <c>Attr = value</c> lines about
/// this execute host (HasVmMiddleware, VmMiddlewareVersion, QemuVersion, QemuAccelerator, VmMiddlewareMaxMemory, VmMiddlewareCachedLayers).
/// </summary>
internal static class SiteAdVerb
{
    public static Command Create(VmgridSettings settings)
    {
        var config = new Option<string?>("--plugin-config") { Description = $"The vmimage plugin's configuration file, for its cache (default ${PluginSettings.ConfigVariable}, else {PluginSettings.DefaultConfig} when it exists)." };
        var command = new Command("site-ad", "Print this execute host's VmMiddleware attributes for a startd cron job (Attr = value lines).") { config };
        command.SetAction(async (parse, token) =>
        {
            var options = PluginSettings.Read(settings, parse.GetValue(config));
            QemuInstallation? qemu = null;
            string? problem = null;
            try
            {
                qemu = QemuLocator.Locate(settings.QemuLocator(null));
            }
            catch (QemuNotFoundException e)
            {
                problem = e.Message;
            }

            var accelerator = settings.ForcedAccelerator() ?? await new AcceleratorProbe(settings.CacheRoot).ChooseAsync(token).ConfigureAwait(false);
            var cache = Directory.Exists(options.CacheRoot) ? await PluginCache.OpenAsync(options, token).ConfigureAwait(false) : null;
            var meminfo = File.Exists("/proc/meminfo") ? await File.ReadAllTextAsync("/proc/meminfo", token).ConfigureAwait(false) : string.Empty;
            var ad = await SiteProbe.ProbeAsync(qemu, problem, accelerator, cache, meminfo, settings.Runner, token).ConfigureAwait(false);
            Console.Out.Write(ad.Format());
            return ExitCodes.Success;
        });
        return command;
    }
}
