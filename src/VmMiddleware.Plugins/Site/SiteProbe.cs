using VmMiddleware.Host.Processes;
using VmMiddleware.Plugins.Cache;
using VmMiddleware.Qemu.Installation;

namespace VmMiddleware.Plugins.Site;

/// <summary>Finds what <see cref="SiteAd"/> advertises on this host: asks QEMU its version, takes the launcher's accelerator choice, reads the memory and the plugin cache.</summary>
public static class SiteProbe
{
    /// <summary>Probes the host.</summary>
    /// <param name="qemu">The QEMU the launcher would use, or null when none was found (<paramref name="qemuProblem"/> says why).</param>
    /// <param name="qemuProblem">Why no QEMU was found, or null.</param>
    /// <param name="accelerator">The launcher's accelerator choice (its probe, or the forced one).</param>
    /// <param name="cache">The plugin cache, or null when it does not exist yet.</param>
    /// <param name="meminfo">The text of /proc/meminfo.</param>
    /// <param name="runner">Runs qemu --version.</param>
    /// <param name="cancellationToken">Stops the probe.</param>
    public static async Task<SiteAd> ProbeAsync(QemuInstallation? qemu, string? qemuProblem, AcceleratorChoice accelerator, PluginCache? cache, string meminfo, IProcessRunner runner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        ArgumentNullException.ThrowIfNull(runner);
        string? version = null;
        var problem = qemuProblem;
        if (qemu is not null)
        {
            var info = qemu.CreateStartInfo(["--version"]);
            var environment = new Dictionary<string, string>(ProcessCommand.CLocale, StringComparer.Ordinal);
            foreach (var name in new[] { "LD_LIBRARY_PATH", "QEMU_MODULE_DIR" })
            {
                if (info.Environment.TryGetValue(name, out var value) && value is not null)
                {
                    environment[name] = value;
                }
            }

            try
            {
                var result = await runner.RunAsync(new ProcessCommand(info.FileName, [.. info.ArgumentList]) { Environment = environment }, cancellationToken).ConfigureAwait(false);
                version = result.ExitCode == 0 ? SiteAd.ParseQemuVersion(result.StandardOutput) : null;
                problem = version is null ? $"{qemu.Binary} --version exited with {result.ExitCode}: {result.StandardError.Trim()}" : null;
            }
            catch (ProcessFailedException e)
            {
                problem = e.Message;
            }
        }

        return new SiteAd(Transfer.VmImagePlugin.Version, version, accelerator.QemuName, SiteAd.MemTotalMiB(meminfo), cache?.StateIds() ?? [])
        {
            Problem = problem,
        };
    }
}
