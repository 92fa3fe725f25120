using VmMiddleware.Translation.Staging;

namespace VmMiddleware.Translation.Condor;

/// <summary>
/// How a vanilla-universe job gets its launcher and its other inputs: the launcher as the transferred executable, or, when a plugin
/// fetches it (a vmimage:// URL of a file the factory publishes), as an input with transfer_executable = false, so the starter runs
/// the relative name in the job's scratch directory after the input transfer.
/// </summary>
internal static class LauncherTransfer
{
    /// <summary>Returns the executable command, and transfer_executable = false when the launcher is a URL.</summary>
    public static IEnumerable<SubmitEntry> Executable(CondorTranslationOptions options)
    {
        if (!FactoryArtifacts.IsUrl(options.LauncherPath))
        {
            return [SubmitEntry.Command("executable", options.LauncherPath)];
        }

        return
        [
            SubmitEntry.Command("executable", Name(options.LauncherPath)),
            SubmitEntry.Comment("The launcher is fetched with the inputs (a vmimage:// URL); HTCondor runs it from the job's scratch directory."),
            SubmitEntry.Command("transfer_executable", "false"),
        ];
    }

    /// <summary>Returns the transfer_input_files value: every shipped file except a launcher HTCondor transfers as the executable.</summary>
    public static string InputFiles(IEnumerable<ShippedFile> files) =>
        string.Join(", ", files.Where(f => f.Kind != ShippedFileKind.Launcher || FactoryArtifacts.IsUrl(f.SubmitPath)).Select(f => f.SubmitPath));

    private static string Name(string url) => Uri.UnescapeDataString(new Uri(url).AbsolutePath.TrimEnd('/').Split('/')[^1]);
}
