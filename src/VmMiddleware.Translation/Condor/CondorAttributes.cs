namespace VmMiddleware.Translation.Condor;

/// <summary>The ClassAd attribute names VmMiddleware defines in HTCondor job and machine ads.</summary>
public static class CondorAttributes
{
    /// <summary>The machine attribute listing the images in the execute host's image cache: a comma-separated string of sha256:HEX digests, as stringListMember reads it.</summary>
    /// <remarks>Advertised by a startd-cron script (condor-plugins/); jobs rank machines that have their image, and a job
    /// whose image is a cache reference requires one.</remarks>
    public const string CachedImages = "VmMiddlewareCachedImages";

    /// <summary>The machine attribute listing the factory state ids (image layers) in the vmimage:// plugin's per-machine cache: a comma-separated string, as stringListMember reads it.</summary>
    /// <remarks>Advertised by condor-plugins/vmmiddleware_startd_cron (vmgrid site-ad); a job whose image is a vmimage:// URL ranks machines that hold its image higher.</remarks>
    public const string CachedLayers = "VmMiddlewareCachedLayers";

    /// <summary>The job attribute holding the work unit's name.</summary>
    public const string WorkUnit = "VmMiddlewareWorkUnit";

    /// <summary>The exit code of vmgrid run after an eviction checkpoint, given to HTCondor as checkpoint_exit_code.</summary>
    public const int CheckpointExitCode = 85;

    /// <summary>The exit code of vmgrid run when the wall-time limit passed, used as the hold subcode of the wall-time policy.</summary>
    public const int WallTimeExitCode = 124;
}
