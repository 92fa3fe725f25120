using VmMiddleware.Host.Processes;

namespace VmMiddleware.Qemu.Installation;

/// <summary>Where <see cref="GuestLocator"/> looks for the reference guest, and how it builds one from a source tree.</summary>
public sealed record GuestLocatorOptions
{
    /// <summary>The environment variables src/guest/build.sh reads that change what it builds.</summary>
    public static readonly IReadOnlyList<string> GuestBuildVariableNames = ["SOURCE_DATE_EPOCH", "VMGRID_STRIP_MODULE_SIGS"];

    /// <summary>Gets the configured guest directory (the edge reads it from $VMMIDDLEWARE_GUEST), or null.</summary>
    public string? ConfiguredDirectory { get; init; }

    /// <summary>Gets how <see cref="ConfiguredDirectory"/> was given, for messages; <c>$VMMIDDLEWARE_GUEST</c> by default.</summary>
    public string ConfiguredSource { get; init; } = "$VMMIDDLEWARE_GUEST";

    /// <summary>Gets the directory the program runs from: a complete guest/ below it is used, and src/guest/build.sh is looked for above it.</summary>
    public required string ProgramDirectory { get; init; }

    /// <summary>Gets the current directory; src/guest/build.sh is looked for above it first.</summary>
    public required string CurrentDirectory { get; init; }

    /// <summary>Gets the cache root; guests built from a source tree go to its guest/ directory.</summary>
    public required string CacheRoot { get; init; }

    /// <summary>Gets the values of <see cref="GuestBuildVariableNames"/> in the build's environment (unset ones absent); part of the cached build's key.</summary>
    public IReadOnlyDictionary<string, string> BuildVariables { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Gets the receiver of the lines src/guest/build.sh prints on standard error while it builds (its progress), or null.</summary>
    public Action<string>? BuildLog { get; init; }

    /// <summary>Gets the runner that runs src/guest/build.sh.</summary>
    public required IProcessRunner Runner { get; init; }
}
