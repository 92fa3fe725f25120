using VmMiddleware.WorkUnits;

namespace VmMiddleware.Qemu.Launch;

/// <summary>Everything that makes up the VM's device set; a saved state restores only into an identical one, so checkpoints store it.</summary>
internal sealed record VmConfiguration
{
    /// <summary>The pinned machine type: a state file restores only on the same one.</summary>
    public const string DefaultMachine = "pc-i440fx-7.2";

    public string Machine { get; init; } = DefaultMachine;

    public required string Accelerator { get; init; }

    public required int MemoryMiB { get; init; }

    public required int Vcpus { get; init; }

    /// <summary>Gets whether the reference guest's kernel and initramfs are booted directly (false: the first disk's bootloader).</summary>
    public required bool BootsKernel { get; init; }

    public string? KernelCommandLine { get; init; }

    /// <summary>Gets the firmware QEMU loads with -bios (a name on its firmware search path), or null for its default, SeaBIOS.</summary>
    public string? Firmware { get; init; }

    public required IReadOnlyList<VmDisk> Disks { get; init; }

    public NetworkPolicy Network { get; init; }

    /// <summary>Gets the MAC address of the network card (HTCondor's vm_macaddr), or null for QEMU's default.</summary>
    public string? MacAddress { get; init; }

    /// <summary>Gets whether the work unit's own kernel (xen_kernel) is booted directly with <see cref="KernelCommandLine"/>; its files are the work unit's, given at each start.</summary>
    public bool UserKernel { get; init; }

    /// <summary>Gets whether the guest does its own work with no agent (HTCondor's vm universe): no seed, input or output volume, and the run ends when the guest powers off.</summary>
    public bool SelfRunning { get; init; }
}
