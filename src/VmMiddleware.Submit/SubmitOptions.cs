using System.Runtime.InteropServices;

namespace VmMiddleware.Submit;

/// <summary>Settings for expanding a submit description: ids, the environment $ENV reads, randomness and limits.</summary>
public sealed record SubmitOptions
{
    /// <summary>Gets the default options: cluster 1 (as condor_submit -dry-run numbers it), no environment variables, unseeded randomness.</summary>
    public static SubmitOptions Default { get; } = new();

    /// <summary>Gets the ClusterId of the first cluster; later clusters count up from it; default 1.</summary>
    public int ClusterId { get; init; } = 1;

    /// <summary>Gets the variables $ENV(NAME) reads (the caller passes its environment: this library reads none itself); default none.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets the seed of the generator behind $RANDOM_CHOICE and $RANDOM_INTEGER, or null for an unseeded one; default null.</summary>
    public int? RandomSeed { get; init; }

    /// <summary>Gets the directory relative paths (include files, queue from files, matching globs, $Ff) resolve against, or null for the submit file's directory (the current directory for text); default null.</summary>
    public string? BaseDirectory { get; init; }

    /// <summary>Gets the HTCondor version that "if version ..." conditions compare against; default 24.0.0.</summary>
    public Version CondorVersion { get; init; } = new(24, 0, 0);

    /// <summary>Gets how deeply include statements may nest; default 10.</summary>
    public int MaxIncludeDepth { get; init; } = 10;

    /// <summary>Gets the most jobs one expansion may produce before it fails; default 1,000,000.</summary>
    public int MaxJobs { get; init; } = 1_000_000;

    /// <summary>Gets the most characters one value may expand to, counting every copy made at every level of nested macros; default 1,048,576.</summary>
    public int MaxValueChars { get; init; } = 1 << 20;

    /// <summary>Gets the most macro references the expansion of one value may make; default 100,000.</summary>
    public int MaxMacroReferences { get; init; } = 100_000;

    /// <summary>Gets extra predefined macros (name to value) set before the file is read, like condor_submit's name=value arguments; default none.</summary>
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets the predefined ARCH, OPSYS, IsLinux and IsWindows values for this machine, as condor_submit sets them before reading a file.</summary>
    internal static IEnumerable<KeyValuePair<string, string>> MachineMacros()
    {
        var arch = RuntimeInformation.OSArchitecture switch
        {
            Architecture.X64 => "X86_64",
            Architecture.X86 => "INTEL",
            Architecture.Arm64 => "aarch64",
            Architecture.Ppc64le => "ppc64le",
            var other => other.ToString().ToUpperInvariant(),
        };
        var isWindows = OperatingSystem.IsWindows();
        var isLinux = OperatingSystem.IsLinux();
        yield return KeyValuePair.Create("ARCH", arch);
        yield return KeyValuePair.Create("OPSYS", isWindows ? "WINDOWS" : isLinux ? "LINUX" : OperatingSystem.IsMacOS() ? "OSX" : "UNKNOWN");
        yield return KeyValuePair.Create("IsLinux", isLinux ? "true" : "false");
        yield return KeyValuePair.Create("IsWindows", isWindows ? "true" : "false");
    }
}
