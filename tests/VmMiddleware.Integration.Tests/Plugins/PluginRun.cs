using System.Diagnostics;
using VmMiddleware.ClassAds;
using VmMiddleware.Integration.Tests.Factory;
using VmMiddleware.Plugins.Cache;
using VmMiddleware.Plugins.Configuration;
using VmMiddleware.Store;

namespace VmMiddleware.Integration.Tests.Plugins;

/// <summary>
/// Runs the vmimage plugin as HTCondor's starter does: request ads written to a file, <c>PLUGIN -infile IN -outfile OUT</c> as a child
/// process, the output ads parsed with the project's ClassAd engine. The plugin is the built vmgrid.dll under dotnet, or a given executable.
/// </summary>
internal sealed class PluginRun
{
    public PluginRun(string directory, string? cap = null, string? factory = null)
    {
        Directory = System.IO.Directory.CreateDirectory(directory).FullName;
        CacheRoot = Path.Combine(Directory, "cache");
        Config = Path.Combine(Directory, "plugin.conf");
        File.WriteAllText(Config, $"""
            # the vmimage plugin's configuration, as a site operator writes it
            cache-directory = {CacheRoot}
            credential = {FactoryRig.Pki.AliceProxy}
            trust-directory = {FactoryRig.Pki.TrustDirectory}
            retry-delay = 0.2
            attempts = 4
            {(cap is null ? string.Empty : "cache-cap = " + cap)}
            {(factory is null ? string.Empty : "factory = " + factory)}
            """);
    }

    public string Directory { get; }

    /// <summary>Gets or sets the account the plugin runs as when the tests run as root (null: the tests' own).</summary>
    public int? UnprivilegedUid { get; set; }

    /// <summary>Hands the run's directory and a copy of the credential to <paramref name="uid"/> and runs the plugin as that account from now on.</summary>
    public void RunAs(int uid)
    {
        UnprivilegedUid = uid;
        var credential = Path.Combine(Directory, "credential.pem");
        File.Copy(FactoryRig.Pki.AliceProxy, credential, overwrite: true);
        var trust = System.IO.Directory.CreateDirectory(Path.Combine(Directory, "certificates")).FullName;
        foreach (var file in System.IO.Directory.GetFiles(FactoryRig.Pki.TrustDirectory))
        {
            File.Copy(file, Path.Combine(trust, Path.GetFileName(file)), overwrite: true);
        }

        File.WriteAllText(Config, File.ReadAllText(Config)
            .Replace(FactoryRig.Pki.AliceProxy, credential, StringComparison.Ordinal).Replace(FactoryRig.Pki.TrustDirectory, trust, StringComparison.Ordinal));
        if (Environment.UserName == "root")
        {
            // The checkout (and so the built vmgrid.dll) may sit under a directory the account cannot enter (a clone in a
            // 0700 temporary directory): the account runs its own copy of the test's output directory, inside the run's.
            Images.ImageTools.Run("cp", "-a", AppContext.BaseDirectory.TrimEnd('/') + "/.", System.IO.Directory.CreateDirectory(Path.Combine(Directory, "bin")).FullName).EnsureSuccess();

            // The rig's temporary directory is 0700: let the account through it to the run's directory.
            var parent = Path.GetDirectoryName(Directory)!;
            File.SetUnixFileMode(parent, File.GetUnixFileMode(parent) | UnixFileMode.OtherExecute);
            Images.ImageTools.Run("chown", "-R", $"{uid}:{uid}", Directory).EnsureSuccess();
        }
    }

    public string CacheRoot { get; }

    public string Config { get; }

    /// <summary>Runs the plugin on <paramref name="requests"/> (Url, LocalFileName pairs) and returns its exit code, stderr and result ads.</summary>
    public async Task<(int ExitCode, string Stderr, IReadOnlyList<ClassAd> Results)> RunAsync(IEnumerable<(string Url, string LocalFileName)> requests, string? executable = null, string? rawInput = null, Action<Process>? started = null)
    {
        var name = Guid.NewGuid().ToString("N")[..8];
        var infile = Path.Combine(Directory, name + ".in");
        var outfile = Path.Combine(Directory, name + ".out");
        await File.WriteAllTextAsync(infile, rawInput ?? string.Concat(requests.Select(r =>
            $"[ Url = {Quote(r.Url)}; LocalFileName = {Quote(r.LocalFileName)}; ProtocolVersion = 2; ]\n")));
        if (UnprivilegedUid is { } uid && Environment.UserName == "root")
        {
            Images.ImageTools.Run("chown", $"{uid}:{uid}", infile).EnsureSuccess();
        }

        var (code, _, stderr) = await RunPluginAsync(["-infile", infile, "-outfile", outfile], executable, started);
        var results = File.Exists(outfile) ? ClassAd.ParseNewSyntaxSequence(await File.ReadAllTextAsync(outfile), outfile) : [];
        return (code, stderr, results);
    }

    /// <summary>Runs the plugin with <paramref name="arguments"/> (the wrapper's --plugin-config added) and returns exit code, stdout, stderr.</summary>
    public async Task<(int ExitCode, string Stdout, string Stderr)> RunPluginAsync(IReadOnlyList<string> arguments, string? executable = null, Action<Process>? started = null)
    {
        var info = new ProcessStartInfo(executable ?? "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (executable is null)
        {
            var unprivileged = UnprivilegedUid is not null && Environment.UserName == "root";
            info.ArgumentList.Add(Path.Combine(unprivileged ? Path.Combine(Directory, "bin") : AppContext.BaseDirectory, "vmgrid.dll"));
        }

        foreach (var argument in new[] { "vmimage-plugin" }.Concat(arguments))
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["VMMIDDLEWARE_PLUGIN_CONFIG"] = Config;
        if (UnprivilegedUid is { } uid && Environment.UserName == "root")
        {
            // HTCondor runs plugins as the job's account, never as root: setpriv drops to it (a non-root test run already is).
            info.ArgumentList.Insert(0, info.FileName);
            foreach (var option in new[] { "--clear-groups", $"--regid={uid}", $"--reuid={uid}" })
            {
                info.ArgumentList.Insert(0, option);
            }

            info.FileName = "setpriv";
            info.Environment["HOME"] = Directory;
            info.Environment["DOTNET_CLI_HOME"] = Directory;
        }
        using var process = Process.Start(info)!;
        started?.Invoke(process);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Returns what ContentStore.Check finds wrong with the plugin cache (empty: sound).</summary>
    public async Task<IReadOnlyList<string>> CheckCacheAsync() =>
        System.IO.Directory.Exists(CacheRoot) ? (await ContentStore.OpenAsync(PluginCache.Configuration(Options()))).Check() : [];

    /// <summary>Returns the plugin cache as the plugin opens it.</summary>
    public Task<PluginCache> OpenCacheAsync() => PluginCache.OpenAsync(Options());

    private PluginOptions Options() => new() { CacheRoot = CacheRoot, TrustDirectory = FactoryRig.Pki.TrustDirectory };

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
