namespace VmMiddleware.Qemu.Installation;

/// <summary>What the direct KVM probe saw: the step that failed (with errno), or how the test guest's exits went and how long it ran.</summary>
/// <param name="FailedStep">The ioctl or call that failed (for example KVM_CREATE_VM), or null when every call succeeded.</param>
/// <param name="Errno">The errno of the failed step, else 0.</param>
/// <param name="ApiVersion">What KVM_GET_API_VERSION returned, or -1 before it was asked.</param>
/// <param name="ExitReasons">The kvm_run exit reason of every KVM_RUN, in order.</param>
/// <param name="ChunksDone">How many of the test guest's counting loops finished (each ends with an out to the probe port).</param>
/// <param name="ChunksWanted">How many loops the test guest runs before its hlt.</param>
/// <param name="Elapsed">The wall time the test guest ran.</param>
/// <param name="Cpu">The CPU time the probing thread used while the test guest ran.</param>
/// <param name="Stop">Why the probe stopped the guest early, if it did.</param>
internal sealed record KvmProbeReport(
    string? FailedStep, int Errno, int ApiVersion, IReadOnlyList<int> ExitReasons, int ChunksDone, int ChunksWanted, TimeSpan Elapsed, TimeSpan Cpu, KvmProbeStop Stop);
