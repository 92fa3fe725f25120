using VmMiddleware.WorkUnits;

namespace VmMiddleware.Submit;

/// <summary>One entry of HTCondor's vm_disk list, FILE:DEVICE:PERMISSION[:FORMAT], read from the right so that FILE may hold ':' (a URL, sha256:DIGEST).</summary>
/// <param name="File">The disk file as written.</param>
/// <param name="Device">The device field (vda, hdb, sda2, xvda).</param>
/// <param name="ReadOnly">Whether the permission is r (w and rw are writable), compared without case as HTCondor's vm-gahp does.</param>
/// <param name="Format">The format field, or null.</param>
public sealed record VmDiskEntry(string File, string Device, bool ReadOnly, ImageFormat? Format)
{
    private static readonly Dictionary<string, ImageFormat> Formats = new(StringComparer.OrdinalIgnoreCase)
    {
        ["qcow2"] = ImageFormat.Qcow2,
        ["raw"] = ImageFormat.Raw,
        ["vmdk"] = ImageFormat.Vmdk,
        ["vdi"] = ImageFormat.Vdi,
        ["vhdx"] = ImageFormat.Vhdx,
        ["vpc"] = ImageFormat.Vpc,
    };

    /// <summary>Splits a vm_disk value into its entries (comma separated, blanks around fields trimmed, as vm-gahp trims them).</summary>
    /// <exception cref="FormatException">An entry is not FILE:DEVICE:PERMISSION[:FORMAT]; the message says which and why.</exception>
    public static IReadOnlyList<VmDiskEntry> ParseList(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var entries = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return entries.Length == 0
            ? throw new FormatException("vm_disk lists no disk; expected FILE:DEVICE:PERMISSION[:FORMAT], for example disk.qcow2:vda:w:qcow2")
            : [.. entries.Select(Parse)];
    }

    /// <summary>Reads one entry.</summary>
    /// <exception cref="FormatException">The entry is not FILE:DEVICE:PERMISSION[:FORMAT]; the message says why.</exception>
    public static VmDiskEntry Parse(string entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var fields = entry.Split(':').Select(f => f.Trim()).ToArray();
        var count = fields.Length;
        ImageFormat? format = null;
        if (count >= 4 && Formats.TryGetValue(fields[^1], out var parsed))
        {
            format = parsed;
            count--;
        }
        else if (count == 4 && fields[^2] is "r" or "R" or "w" or "W" or "rw" or "RW" or "rW" or "Rw")
        {
            throw new FormatException($"vm_disk entry {entry}: format '{fields[^1]}' is not one QEMU reads; expected qcow2, raw, vmdk, vdi, vhdx or vpc");
        }

        if (count < 3 || fields[..(count - 2)].Any(f => f.Length == 0) || fields[count - 2].Length == 0)
        {
            throw new FormatException($"vm_disk entry {entry} is not FILE:DEVICE:PERMISSION[:FORMAT]; for example disk.qcow2:vda:w:qcow2");
        }

        var permission = fields[count - 1];
        var readOnly = permission.ToLowerInvariant() switch
        {
            "r" => true,
            "w" or "rw" => false,
            _ => throw new FormatException($"vm_disk entry {entry}: permission '{permission}' is not r, w or rw"),
        };
        var device = fields[count - 2].ToLowerInvariant();
        if (!DiskDevices.IsValid(device))
        {
            throw new FormatException($"vm_disk entry {entry}: device '{fields[count - 2]}' is not {DiskDevices.Expectation}");
        }

        return new VmDiskEntry(string.Join(':', fields[..(count - 2)]), device, readOnly, format);
    }
}
