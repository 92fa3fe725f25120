using VmMiddleware.Translation.Condor;
using VmMiddleware.WorkUnits;

namespace VmMiddleware.Translation.Staging;

/// <summary>
/// The --factory staging rule for the files every job ships (the launcher, the QEMU bundle, the reference guest archive): each one the
/// factory publishes by SHA-256 is named as vmimage://HOST:PORT/artifacts/SHA256/NAME and removed from the job directory, so the
/// execute host's vmimage plugin fetches it once per machine.
/// </summary>
public static class FactoryArtifacts
{
    /// <summary>Returns <paramref name="options"/> with each shipped file in <paramref name="directory"/> that <paramref name="factory"/> publishes named by URL (and that file removed).</summary>
    /// <param name="directory">The job directory being built, with the shipped files written into it under <paramref name="options"/>' names.</param>
    /// <param name="options">The translation options whose launcher, bundle and guest paths name those files.</param>
    /// <param name="factory">The factory service, or null (then nothing changes).</param>
    /// <param name="progress">Receives one line per file: named by URL, or shipped and why.</param>
    /// <param name="cancellationToken">Stops the lookups.</param>
    public static async Task<CondorTranslationOptions> NameHeldAsync(string directory, CondorTranslationOptions options, IFactoryContent? factory, Action<string> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        if (factory is null)
        {
            return options;
        }

        async Task<string> NameAsync(string name)
        {
            var path = Path.Combine(directory, name);
            if (!File.Exists(path))
            {
                return name;
            }

            var lookup = await factory.FindArtifactAsync(path, cancellationToken).ConfigureAwait(false);
            if (lookup.StateId is not { } sha)
            {
                progress($"{name}: the factory at {factory.Authority} does not publish it ({lookup.Detail}); shipping it");
                return name;
            }

            var url = $"{ImageLocation.UrlScheme}://{factory.Authority}/artifacts/{sha}/{Uri.EscapeDataString(name)}";
            progress($"{name}: the factory at {factory.Authority} publishes it ({lookup.Detail}); the job names {url} and ships none of its bytes");
            File.Delete(path);
            return url;
        }

        return options with
        {
            LauncherPath = await NameAsync(options.LauncherPath).ConfigureAwait(false),
            BundlePath = await NameAsync(options.BundlePath).ConfigureAwait(false),
            GuestPath = await NameAsync(options.GuestPath).ConfigureAwait(false),
        };
    }

    /// <summary>Returns whether a submit-side path is a URL (a file-transfer plugin fetches it) rather than a file beside the submit description.</summary>
    public static bool IsUrl(string submitPath)
    {
        ArgumentNullException.ThrowIfNull(submitPath);
        return submitPath.Contains("://", StringComparison.Ordinal);
    }
}
