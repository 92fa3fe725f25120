namespace VmMiddleware.Qemu.Launch;

/// <summary>The manifest of an eviction checkpoint (work-dir/checkpoint/manifest.json); its presence marks the checkpoint complete.</summary>
internal sealed record CheckpointManifest
{
    public const string Format = "vmgrid-checkpoint/1";
    public const string FileName = "manifest.json";
    public const string StateFileName = "state";

    public string FormatVersion { get; init; } = Format;

    public required string WorkUnitDigest { get; init; }

    public required string GuestIdentity { get; init; }

    public required string QemuBinarySha256 { get; init; }

    public required VmConfiguration Configuration { get; init; }

    public required bool Started { get; init; }

    public required double ElapsedSeconds { get; init; }

    public string? AcceleratorReason { get; init; }
}
