namespace VmMiddleware.Qemu.Launch;

/// <summary>The manifest of a saved, booted, waiting guest in the cache: its device set and the sizes of the placeholder disks.</summary>
internal sealed record BootCheckpointManifest
{
    public const string Format = "vmgrid-boot-checkpoint/1";
    public const string FileName = "manifest.json";
    public const string StateFileName = "state";

    public string FormatVersion { get; init; } = Format;

    public required string Key { get; init; }

    public required VmConfiguration Configuration { get; init; }

    public required long SeedWaitBytes { get; init; }

    public required long InputBytes { get; init; }

    public required long OutputBytes { get; init; }

    public required double SaveSeconds { get; init; }
}
