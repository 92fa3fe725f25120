namespace VmMiddleware.WorkUnits;

/// <summary>The network the guest gets.</summary>
public enum NetworkPolicy
{
    /// <summary>No network device at all; the default.</summary>
    None,

    /// <summary>QEMU user-mode networking (outbound NAT, no root needed).</summary>
    User,
}
