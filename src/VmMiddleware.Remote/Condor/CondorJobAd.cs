namespace VmMiddleware.Remote.Condor;

/// <summary>The attributes of one HTCondor job ad that say where it stands.</summary>
/// <param name="JobStatus">JobStatus: 1 idle, 2 running, 3 removed, 4 completed, 5 held, 6 transferring output, 7 suspended.</param>
/// <param name="ExitCode">ExitCode, when the job exited normally.</param>
/// <param name="ExitBySignal">ExitBySignal.</param>
/// <param name="ExitSignal">ExitSignal, when it died by a signal.</param>
/// <param name="HoldReason">HoldReason, when held.</param>
/// <param name="RemoveReason">RemoveReason, when removed.</param>
public sealed record CondorJobAd(int JobStatus, int? ExitCode, bool ExitBySignal, int? ExitSignal, string? HoldReason, string? RemoveReason)
{
    /// <summary>The attributes to ask condor_q and condor_history for (-attributes).</summary>
    public const string Attributes = "ClusterId,ProcId,JobStatus,ExitCode,ExitBySignal,ExitSignal,HoldReason,RemoveReason";
}
