using VmMiddleware.WorkUnits.Collections;

namespace VmMiddleware.WorkUnits;

/// <summary>One job that runs a command inside a virtual machine: the validated model every reader produces.</summary>
public sealed record WorkUnit
{
    /// <summary>Gets the work unit's name: 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit.</summary>
    public required string Name
    {
        get;
        init => field = WorkUnitRules.IsName(value)
            ? value
            : throw new ArgumentException($"The name '{value}' is not valid; expected {WorkUnitRules.NameExpectation}.", nameof(Name));
    }

    /// <summary>Gets the image the VM boots; the reference guest by default.</summary>
    public ImageSpec Image { get; init => field = Require(value, nameof(Image)); } = ImageSpec.ReferenceGuest;

    /// <summary>Gets the virtual hardware; <see cref="VirtualHardware.Default"/> by default.</summary>
    public VirtualHardware Hardware { get; init => field = Require(value, nameof(Hardware)); } = VirtualHardware.Default;

    /// <summary>Gets the command the guest runs, or null when the image does its own work and the run ends when the guest powers off (HTCondor's vm universe).</summary>
    public GuestCommand? Command { get; init; }

    /// <summary>Gets the disks the VM gets besides its boot image, in order; empty by default. Only a bootable-disk work unit has them.</summary>
    public IReadOnlyList<AttachedDisk> Disks { get; init => field = RequireItems(value, nameof(Disks)); } = ValueList<AttachedDisk>.Empty;

    /// <summary>Gets the kernel QEMU boots directly instead of the disk's bootloader, or null (the default) to boot the disk.</summary>
    public KernelBoot? Kernel { get; init; }

    /// <summary>Gets which form of the modified writable disks comes back after the run; <see cref="DiskReturn.None"/> by default.</summary>
    public DiskReturn ReturnDisks
    {
        get;
        init => field = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(ReturnDisks), value, "Unknown disk return.");
    }

    /// <summary>Gets the files and directories copied into the guest's input directory; empty by default.</summary>
    public IReadOnlyList<InputItem> Inputs { get; init => field = RequireItems(value, nameof(Inputs)); } = ValueList<InputItem>.Empty;

    /// <summary>Gets the outputs copied back from the guest's output directory; empty by default.</summary>
    public IReadOnlyList<OutputSpec> Outputs { get; init => field = RequireItems(value, nameof(Outputs)); } = ValueList<OutputSpec>.Empty;

    /// <summary>Gets the run-time limits; <see cref="Limits.Default"/> by default.</summary>
    public Limits Limits { get; init => field = Require(value, nameof(Limits)); } = Limits.Default;

    /// <summary>Gets when the VM is checkpointed; <see cref="CheckpointPolicy.Default"/> by default.</summary>
    public CheckpointPolicy Checkpoint { get; init => field = Require(value, nameof(Checkpoint)); } = CheckpointPolicy.Default;

    /// <summary>Gets the guest's network; <see cref="NetworkPolicy.None"/> by default.</summary>
    public NetworkPolicy Network
    {
        get;
        init => field = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(Network), value, "Unknown network policy.");
    }

    /// <summary>Gets the MAC address of the guest's network card (six lowercase hex pairs separated by ':', unicast), or null for QEMU's default.</summary>
    public string? MacAddress
    {
        get;
        init => field = value is null ? null
            : WorkUnitRules.IsMacAddress(value) ? value.ToLowerInvariant()
            : throw new ArgumentException($"The MAC address '{value}' is not valid; expected {WorkUnitRules.MacAddressExpectation}.", nameof(MacAddress));
    }

    /// <summary>Gets the HTCondor Requirements expression as ClassAd text (trimmed), or null for none.</summary>
    public string? Requirements { get; init => field = RequireExpression(value, nameof(Requirements)); }

    /// <summary>Gets the HTCondor Rank expression as ClassAd text (trimmed), or null for none.</summary>
    public string? Rank { get; init => field = RequireExpression(value, nameof(Rank)); }

    /// <summary>Gets extra job ClassAd attributes (HTCondor +Name), name to trimmed expression text, in the order given; names compare case-insensitively.</summary>
    public IReadOnlyDictionary<string, string> CustomAttributes
    {
        get;
        init
        {
            var map = OrderedMap.From(value, StringComparer.OrdinalIgnoreCase);
            foreach (var (name, expression) in map)
            {
                if (!WorkUnitRules.IsIdentifier(name))
                {
                    throw new ArgumentException(
                        $"The attribute name '{name}' is not valid; expected {WorkUnitRules.IdentifierExpectation}.", nameof(CustomAttributes));
                }

                RequireExpression(expression, nameof(CustomAttributes));
            }

            field = map.Any(e => e.Value.Trim() != e.Value)
                ? OrderedMap.From(map.Select(e => KeyValuePair.Create(e.Key, e.Value.Trim())), StringComparer.OrdinalIgnoreCase)
                : map;
        }
    } = OrderedMap.Empty(StringComparer.OrdinalIgnoreCase);

    /// <summary>Returns what one part of the work unit contradicts in another (such as inputs without a guest command), or null when the parts agree.</summary>
    public string? Inconsistency()
    {
        var disk = Image.Kind == ImageKind.BootableDisk;
        if (Command is null && !disk)
        {
            return "a work unit without a command boots its own image and does its own work; it needs a bootable disk image";
        }

        if (Command is null && (Inputs.Count > 0 || Outputs.Count > 0))
        {
            return "a work unit without a command has no input or output directory; its data comes and goes on its disks";
        }

        if (!disk && Disks.Count > 0)
        {
            return "only a bootable-disk work unit takes further disks";
        }

        if (!disk && Kernel is not null)
        {
            return "only a bootable-disk work unit boots a kernel of its own";
        }

        var devices = new HashSet<string>(StringComparer.Ordinal);
        foreach (var device in Disks.Select(d => d.Device).Prepend(Image.Device).OfType<string>())
        {
            if (!devices.Add(DiskDevices.QemuBus(device) + DiskDevices.Index(device)))
            {
                return $"two disks are both device {device} (xvdX is given as vdX)";
            }

            if (DiskDevices.QemuBus(device) == "ide" && DiskDevices.Index(device) > 3)
            {
                return $"device {device} is not on QEMU's IDE bus, which has hda to hdd";
            }
        }

        return null;
    }

    private static T Require<T>(T value, string paramName)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        return value;
    }

    private static ValueList<T> RequireItems<T>(IReadOnlyList<T> value, string paramName)
        where T : class
    {
        var list = ValueList<T>.From(Require(value, paramName));
        foreach (var item in list)
        {
            ArgumentNullException.ThrowIfNull(item, paramName);
        }

        return list;
    }

    private static string? RequireExpression(string? value, string paramName) =>
        value is not null && string.IsNullOrWhiteSpace(value)
            ? throw new ArgumentException($"{paramName} must not be blank.", paramName)
            : value?.Trim();
}
