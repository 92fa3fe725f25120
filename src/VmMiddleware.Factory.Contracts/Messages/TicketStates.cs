namespace VmMiddleware.Factory.Contracts.Messages;

/// <summary>The values of <see cref="TicketStatus.State"/>.</summary>
public static class TicketStates
{
    /// <summary>Accepted, waiting for a build slot or for another build of a shared prefix.</summary>
    public const string Queued = "Queued";

    /// <summary>Being built or exported.</summary>
    public const string Running = "Running";

    /// <summary>Built and exported; the image can be downloaded.</summary>
    public const string Succeeded = "Succeeded";

    /// <summary>Failed; <see cref="TicketStatus.Error"/> says why.</summary>
    public const string Failed = "Failed";

    /// <summary>Returns whether <paramref name="state"/> is final.</summary>
    public static bool IsFinal(string state) => state is Succeeded or Failed;
}
