using VmMiddleware.Qemu.Installation;

namespace VmMiddleware.Qemu.Launch;

/// <summary>A VM ready to start: its device set, the state to restore (if any) and what happened before.</summary>
internal sealed record PreparedVm(
    VmConfiguration Configuration,
    AcceleratorChoice Accelerator,
    string? IncomingState,
    string StartKind,
    bool AlreadyBooted,
    bool AlreadyStarted,
    TimeSpan ElapsedBefore);
