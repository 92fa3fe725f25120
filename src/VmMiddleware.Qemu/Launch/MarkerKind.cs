namespace VmMiddleware.Qemu.Launch;

/// <summary>The VMGRID: markers the guest prints on its serial console.</summary>
internal enum MarkerKind
{
    Booted,
    Waiting,
    Start,
    Heartbeat,
    Exit,
    Done,
    AgentError,
}
