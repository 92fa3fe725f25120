using VmMiddleware.Qemu.Installation;
using VmMiddleware.Qemu.Storage;

namespace VmMiddleware.Qemu.Launch;

/// <summary>A VM ready to start: its device set, the state to restore (if any), what happened before, and the leased images it boots and attaches.</summary>
internal sealed record PreparedVm(
    VmConfiguration Configuration,
    AcceleratorChoice Accelerator,
    string? IncomingState,
    string StartKind,
    bool AlreadyBooted,
    bool AlreadyStarted,
    TimeSpan ElapsedBefore,
    ResolvedImage? Image = null,
    string? RestoreKernel = null,
    IReadOnlyList<ResolvedImage>? AttachedImages = null);
