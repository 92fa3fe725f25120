namespace VmMiddleware.WorkUnits;

/// <summary>The virtual machine's processors, memory and scratch disk.</summary>
public sealed record VirtualHardware
{
    /// <summary>Gets the default hardware: 1 vCPU, 256 MiB of memory and a 1024 MiB scratch disk.</summary>
    public static VirtualHardware Default { get; } = new();

    /// <summary>Gets the number of virtual CPUs; at least 1, default 1.</summary>
    public int Vcpus { get; init => field = WorkUnitRules.RequirePositive(value, nameof(Vcpus)); } = 1;

    /// <summary>Gets the guest memory in MiB; at least 1, default 256.</summary>
    public int MemoryMiB { get; init => field = WorkUnitRules.RequirePositive(value, nameof(MemoryMiB)); } = 256;

    /// <summary>Gets the size of the scratch disk (the overlay the guest writes to) in MiB; at least 1, default 1024.</summary>
    public int DiskMiB { get; init => field = WorkUnitRules.RequirePositive(value, nameof(DiskMiB)); } = 1024;
}
