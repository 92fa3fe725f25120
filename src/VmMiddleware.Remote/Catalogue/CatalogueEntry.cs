using VmMiddleware.Remote.Jobs;

namespace VmMiddleware.Remote.Catalogue;

/// <summary>One job in the user's catalogue: where it went, where its files are, and its last known status.</summary>
/// <param name="Id">The job id as printed at submission (for a remote job it names the gateway: user@host:port/NAME-XXXXXXXX).</param>
/// <param name="Name">The work unit's name.</param>
/// <param name="Target">local, rsl or condor.</param>
/// <param name="LocalDirectory">The job directory on this machine (the translated job; fetch writes its out/).</param>
/// <param name="Submitted">When it was submitted.</param>
public sealed record CatalogueEntry(string Id, string Name, string Target, string LocalDirectory, DateTimeOffset Submitted)
{
    /// <summary>Gets the gateway (user@host:port) for a remote job, else null.</summary>
    public string? Gateway { get; init; }

    /// <summary>Gets the job directory on the gateway, else null.</summary>
    public string? RemoteDirectory { get; init; }

    /// <summary>Gets the vmgrid that runs on the gateway for this job, else null.</summary>
    public string? RemoteVmgrid { get; init; }

    /// <summary>Gets the key files, known_hosts files and pinned fingerprint the submission used, so status, fetch and cancel reach the gateway the same way, else null.</summary>
    public GatewayTrust? Trust { get; init; }

    /// <summary>Gets the GRAM job contact or HTCondor job id, when known.</summary>
    public string? Handle { get; init; }

    /// <summary>Gets the last status seen, or null before any.</summary>
    public JobStatus? LastStatus { get; init; }

    /// <summary>Gets when <see cref="LastStatus"/> was seen.</summary>
    public DateTimeOffset? Updated { get; init; }
}
