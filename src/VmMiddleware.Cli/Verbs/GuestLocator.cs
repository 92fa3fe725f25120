using System.Diagnostics;
using VmMiddleware.Qemu;
using VmMiddleware.Qemu.Installation;

namespace VmMiddleware.Cli.Verbs;

/// <summary>Finds the reference guest: --guest, $VMMIDDLEWARE_GUEST, the guest/ directory next to vmgrid, or (in a source tree) builds it with src/guest/build.sh.</summary>
internal static class GuestLocator
{
    public const string Variable = "VMMIDDLEWARE_GUEST";

    public static GuestKernel Locate(string? explicitDirectory, Action<string> progress)
    {
        if (explicitDirectory is not null)
        {
            return Load(explicitDirectory, "--guest");
        }

        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } fromVariable)
        {
            return Load(fromVariable, "$" + Variable);
        }

        var beside = Path.Combine(AppContext.BaseDirectory, "guest");
        if (File.Exists(Path.Combine(beside, "vmlinux")))
        {
            return Load(beside, "the guest directory next to vmgrid");
        }

        var script = FindBuildScript(Environment.CurrentDirectory) ?? FindBuildScript(AppContext.BaseDirectory)
            ?? throw new UserErrorException($"no reference guest: give --guest DIR or set ${Variable} (or put it in {beside})");
        var outRoot = Path.Combine(QemuPaths.CacheRoot, "guest");
        if (GuestBuildStamp.Read(script, outRoot) is { } built)
        {
            progress($"using the reference guest {built} (built by {script}; sources and package lists unchanged)");
            return Load(built, script);
        }

        progress($"building the reference guest with {script} (cached)");
        var directory = Build(script, outRoot);
        try
        {
            GuestBuildStamp.Write(script, outRoot, directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            progress($"cannot record the guest build in {outRoot} ({e.Message}); the next run will run {script} again");
        }
        return Load(directory, script);
    }

    private static GuestKernel Load(string directory, string source)
    {
        try
        {
            return GuestKernel.Load(directory);
        }
        catch (FileNotFoundException e)
        {
            throw new UserErrorException($"{source}: {e.Message}", e);
        }
    }

    private static string? FindBuildScript(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "guest", "build.sh");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static string Build(string script, string outRoot)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(script);
        info.ArgumentList.Add(outRoot);
        using var process = Process.Start(info) ?? throw new UserErrorException("cannot start bash to build the guest");
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        return process.ExitCode == 0 && last is not null
            ? last.Trim()
            : throw new UserErrorException($"{script} failed with exit code {process.ExitCode}");
    }
}
