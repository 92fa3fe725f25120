using VmMiddleware.Host.Processes;

namespace VmMiddleware.Qemu.Installation;

/// <summary>What <see cref="QemuLocator"/> is told by the edge: a bundle or binary the user named or configured, and the search path.</summary>
public sealed record QemuLocatorOptions
{
    /// <summary>Gets an unpacked QEMU bundle to run (<c>--qemu-bundle</c>, else $VMMIDDLEWARE_QEMU_BUNDLE), or null.</summary>
    public string? BundleDirectory { get; init; }

    /// <summary>Gets how <see cref="BundleDirectory"/> was given, for messages; <c>$VMMIDDLEWARE_QEMU_BUNDLE</c> by default.</summary>
    public string BundleSource { get; init; } = "$VMMIDDLEWARE_QEMU_BUNDLE";

    /// <summary>Gets a qemu-system-x86_64 to run ($VMMIDDLEWARE_QEMU), or null.</summary>
    public string? Binary { get; init; }

    /// <summary>Gets how <see cref="Binary"/> was given, for messages; <c>VMMIDDLEWARE_QEMU</c> by default.</summary>
    public string BinarySource { get; init; } = "VMMIDDLEWARE_QEMU";

    /// <summary>Gets the directories qemu-system-x86_64 is looked for in last (the edge passes PATH); <see cref="ProgramSearch.SystemDirectories"/> by default.</summary>
    public IReadOnlyList<string> SearchPath { get; init; } = ProgramSearch.SystemDirectories;
}
