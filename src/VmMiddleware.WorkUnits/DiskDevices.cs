using System.Text.RegularExpressions;

namespace VmMiddleware.WorkUnits;

/// <summary>The guest device names a disk may be given (HTCondor's vm_disk device field), and the bus each one means.</summary>
public static partial class DiskDevices
{
    /// <summary>Gets a description of a valid device name, for error messages.</summary>
    public const string Expectation = "a device name vdX (virtio), hdX (IDE), sdX (SCSI) or xvdX (Xen, given as virtio), optionally followed by a partition number";

    /// <summary>Returns whether <paramref name="device"/> is a device name QEMU can give the guest.</summary>
    public static bool IsValid(string? device) => device is not null && DevicePattern().IsMatch(device);

    /// <summary>Returns the bus prefix of a valid device name (vd, hd, sd or xvd).</summary>
    public static string Bus(string device)
    {
        var match = DevicePattern().Match(device);
        return match.Success ? match.Groups["bus"].Value : throw new ArgumentException($"The device '{device}' is not valid; expected {Expectation}.", nameof(device));
    }

    /// <summary>Returns the QEMU bus a valid device name means: virtio (vd and xvd), ide (hd) or scsi (sd).</summary>
    public static string QemuBus(string device) => Bus(device) switch
    {
        "hd" => "ide",
        "sd" => "scsi",
        _ => "virtio",
    };

    /// <summary>Returns the 0-based position of a valid device name's letters on its bus (vda 0, vdb 1, ..., vdz 25, vdaa 26).</summary>
    public static int Index(string device)
    {
        var letters = DevicePattern().Match(device).Groups["letters"].Value;
        return letters.Length == 1 ? letters[0] - 'a' : ((letters[0] - 'a' + 1) * 26) + (letters[1] - 'a');
    }

    [GeneratedRegex("^(?<bus>vd|hd|sd|xvd)(?<letters>[a-z]{1,2})[0-9]{0,3}$")]
    private static partial Regex DevicePattern();
}
