namespace VmMiddleware.WorkUnits;

/// <summary>A direct kernel boot of a bootable-disk work unit (HTCondor's xen_kernel = FILE with xen_initrd, xen_root and xen_kernel_params): QEMU loads the kernel instead of the disk's bootloader.</summary>
public sealed record KernelBoot
{
    /// <summary>Gets the absolute host path of the kernel (a bzImage or an uncompressed ELF vmlinux).</summary>
    public required string Kernel { get; init => field = RequireAbsolute(value, nameof(Kernel)); }

    /// <summary>Gets the absolute host path of the initial RAM disk, or null for none.</summary>
    public string? Initrd { get; init => field = value is null ? null : RequireAbsolute(value, nameof(Initrd)); }

    /// <summary>Gets the root device the kernel mounts (such as /dev/vda1), passed as root=..., or null.</summary>
    public string? Root { get; init => field = RequireLine(value, nameof(Root)); }

    /// <summary>Gets further kernel parameters (such as console=ttyS0 ro), or null.</summary>
    public string? Parameters { get; init => field = RequireLine(value, nameof(Parameters)); }

    /// <summary>Gets the kernel command line: root=ROOT followed by the parameters.</summary>
    public string CommandLine => string.Join(' ', new[] { Root is null ? null : "root=" + Root, Parameters }.Where(p => !string.IsNullOrEmpty(p)));

    private static string RequireAbsolute(string value, string paramName)
    {
        ArgumentException.ThrowIfNullOrEmpty(value, paramName);
        return Path.IsPathFullyQualified(value) && !value.Contains('\0', StringComparison.Ordinal)
            ? value
            : throw new ArgumentException($"The {paramName.ToLowerInvariant()} path '{value}' must be an absolute host path.", paramName);
    }

    private static string? RequireLine(string? value, string paramName)
    {
        if (value is null)
        {
            return null;
        }

        var trimmed = value.Trim();
        return trimmed.Length > 0 && trimmed.AsSpan().IndexOfAny('\n', '\r', '\0') < 0
            ? trimmed
            : throw new ArgumentException($"The kernel {paramName.ToLowerInvariant()} must be one non-empty line.", paramName);
    }
}
