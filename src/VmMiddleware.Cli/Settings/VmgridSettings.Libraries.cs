using VmMiddleware.Qemu.Installation;

namespace VmMiddleware.Cli.Settings;

/// <summary>The settings turned into the libraries' options records.</summary>
internal sealed partial record VmgridSettings
{
    /// <summary>Returns what the QEMU locator is told: <paramref name="bundleOption"/> (<c>--qemu-bundle</c>) before $VMMIDDLEWARE_QEMU_BUNDLE, $VMMIDDLEWARE_QEMU, PATH.</summary>
    /// <param name="bundleOption">The --qemu-bundle directory, or null.</param>
    public QemuLocatorOptions QemuLocator(string? bundleOption) => new()
    {
        BundleDirectory = bundleOption ?? QemuBundle,
        BundleSource = bundleOption is null ? "$" + BundleVariable : "--qemu-bundle",
        Binary = QemuBinary,
        BinarySource = QemuVariable,
        SearchPath = SearchPath,
    };

    /// <summary>Returns the reference-guest locator: $VMMIDDLEWARE_GUEST, guest/ beside vmgrid, or a build from the source tree into the cache root.</summary>
    /// <param name="buildLog">Receives the build script's progress lines, or null.</param>
    public GuestLocator GuestLocator(Action<string>? buildLog) => new(new GuestLocatorOptions
    {
        ConfiguredDirectory = GuestDirectory,
        ConfiguredSource = "$" + GuestVariable,
        ProgramDirectory = AppContext.BaseDirectory,
        CurrentDirectory = System.Environment.CurrentDirectory,
        CacheRoot = CacheRoot,
        BuildVariables = GuestBuildKnobs,
        BuildLog = buildLog,
        Runner = Runner,
    });

    /// <summary>Returns the accelerator $VMMIDDLEWARE_ACCEL forces, or null to probe.</summary>
    /// <exception cref="UserErrorException">The variable names neither kvm nor tcg.</exception>
    public AcceleratorChoice? ForcedAccelerator()
    {
        try
        {
            return Accelerator is null ? null : AcceleratorProbe.Forced(Accelerator, AcceleratorVariable);
        }
        catch (ArgumentException e)
        {
            throw new UserErrorException($"{AcceleratorVariable} is '{Accelerator}'; expected kvm or tcg", e);
        }
    }
}
