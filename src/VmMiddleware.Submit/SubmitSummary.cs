using VmMiddleware.WorkUnits.Collections;

namespace VmMiddleware.Submit;

/// <summary>What reading a submit description saw besides its jobs, which <see cref="SubmitFile.Stream"/> hands out one at a time.</summary>
public sealed record SubmitSummary
{
    /// <summary>Gets the submit file's name as given (or the source name of submit text).</summary>
    public required string File { get; init; }

    /// <summary>Gets how many jobs the description queued.</summary>
    public long JobCount { get; init; }

    /// <summary>Gets whether the description has at least one queue statement; without one, condor_submit (and so this reader) queues one job as if the file ended in "queue".</summary>
    public bool HasQueueStatement { get; init; }

    /// <summary>Gets the messages of the description's warning statements, in the order they were read.</summary>
    public IReadOnlyList<string> Warnings { get; init => field = ValueList<string>.From(value); } = ValueList<string>.Empty;
}
