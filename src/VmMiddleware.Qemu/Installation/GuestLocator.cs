using VmMiddleware.Host.Processes;
using VmMiddleware.WorkUnits;

namespace VmMiddleware.Qemu.Installation;

/// <summary>
/// Finds the reference guest: a directory the caller names, else the configured one, else guest/ next to the program, else (in a
/// source tree) builds it with src/guest/build.sh into the cache, reusing the last build while its inputs are unchanged.
/// </summary>
/// <param name="options">Where to look and how to build.</param>
public sealed class GuestLocator(GuestLocatorOptions options)
{
    /// <summary>Gets whether a guest directory is configured (the edge's $VMMIDDLEWARE_GUEST).</summary>
    public bool IsConfigured => options.ConfiguredDirectory is not null;

    /// <summary>Returns the guest in <paramref name="explicitDirectory"/> when given, else as the class summary says.</summary>
    /// <param name="explicitDirectory">A directory the user named (<c>--guest</c>), or null.</param>
    /// <param name="explicitSource">How <paramref name="explicitDirectory"/> was named, for messages.</param>
    /// <param name="progress">Receives one line when a cached build is used or a build starts.</param>
    /// <param name="cancellationToken">Stops a build.</param>
    /// <exception cref="GuestNotFoundException">There is no usable guest; the message says where it was looked for.</exception>
    public async Task<GuestKernel> LocateAsync(string? explicitDirectory, string explicitSource, Action<string> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        if (explicitDirectory is not null)
        {
            return Load(explicitDirectory, explicitSource);
        }

        if (options.ConfiguredDirectory is { } configured)
        {
            return Load(configured, options.ConfiguredSource);
        }

        var beside = Path.Combine(options.ProgramDirectory, "guest");
        if (File.Exists(Path.Combine(beside, "vmlinux")))
        {
            return Load(beside, "the guest directory next to vmgrid");
        }

        var script = FindBuildScript(options.CurrentDirectory) ?? FindBuildScript(options.ProgramDirectory)
            ?? throw new GuestNotFoundException($"no reference guest: give --guest DIR or set {options.ConfiguredSource} (or put it in {beside})");
        var outRoot = Path.Combine(options.CacheRoot, "guest");
        if (GuestBuildStamp.Read(script, outRoot, options.BuildVariables) is { } built)
        {
            progress($"using the reference guest {built} (built by {script}; sources and package lists unchanged)");
            return Load(built, script);
        }

        progress($"building the reference guest with {script} (cached)");
        var directory = await BuildAsync(script, outRoot, cancellationToken).ConfigureAwait(false);
        try
        {
            GuestBuildStamp.Write(script, outRoot, directory, options.BuildVariables);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            progress($"cannot record the guest build in {outRoot} ({e.Message}); the next run will run {script} again");
        }

        return Load(directory, script);
    }

    /// <summary>Returns the guest a job runs with: <paramref name="explicitDirectory"/> or the configured one, else the one the job shipped beside its work unit, else as <see cref="LocateAsync"/> finds it (null for a bootable disk when there is none: it runs without).</summary>
    /// <param name="workUnit">The job's work unit.</param>
    /// <param name="explicitDirectory">A directory the user named (<c>--guest</c>), or null.</param>
    /// <param name="jobDirectory">The directory holding the work unit, where a job ships <see cref="JobDirectory.GuestFileName"/>.</param>
    /// <param name="workDirectory">Where a shipped guest is unpacked.</param>
    /// <param name="progress">Receives one line when a cached build is used or a build starts.</param>
    /// <param name="cancellationToken">Stops a build.</param>
    /// <exception cref="GuestNotFoundException">The work unit needs a guest and there is none, or the shipped one is broken.</exception>
    public async Task<GuestKernel?> LocateForJobAsync(
        WorkUnit workUnit, string? explicitDirectory, string jobDirectory, string workDirectory, Action<string> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workUnit);
        var named = explicitDirectory is not null || IsConfigured;
        if (!named)
        {
            try
            {
                if (JobDirectory.ShippedGuest(jobDirectory, workDirectory) is { } shipped)
                {
                    return shipped;
                }
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                throw new GuestNotFoundException(e.Message, e);
            }
        }

        return workUnit.Image.Kind == ImageKind.BootableDisk && !named
            ? await TryLocateAsync(progress, cancellationToken).ConfigureAwait(false)
            : await LocateAsync(explicitDirectory, "--guest", progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Returns the guest as <see cref="LocateAsync"/> finds it with no directory named, or null when there is none (a bootable disk can run without it).</summary>
    public async Task<GuestKernel?> TryLocateAsync(Action<string> progress, CancellationToken cancellationToken)
    {
        try
        {
            return await LocateAsync(null, "--guest", progress, cancellationToken).ConfigureAwait(false);
        }
        catch (GuestNotFoundException)
        {
            return null;
        }
    }

    private static GuestKernel Load(string directory, string source)
    {
        try
        {
            return GuestKernel.Load(directory);
        }
        catch (FileNotFoundException e)
        {
            throw new GuestNotFoundException($"{source}: {e.Message}", e);
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

    /// <summary>Runs build.sh (its progress lines on standard error go to <see cref="GuestLocatorOptions.BuildLog"/>); its last output line is the guest directory.</summary>
    private async Task<string> BuildAsync(string script, string outRoot, CancellationToken cancellationToken)
    {
        var result = await options.Runner.RunAsync(new ProcessCommand("bash", [script, outRoot]) { StandardErrorLine = options.BuildLog }, cancellationToken).ConfigureAwait(false);
        var last = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        if (result.ExitCode == 0 && last is not null)
        {
            return last.Trim();
        }

        var error = new ProcessFailedException(result.Command.CommandLine, result.ExitCode, result.StandardError);
        throw new GuestNotFoundException($"{script} failed with exit code {result.ExitCode}", error);
    }
}
