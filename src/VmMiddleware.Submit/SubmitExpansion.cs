using System.Text;
using VmMiddleware.WorkUnits.Collections;

namespace VmMiddleware.Submit;

/// <summary>The result of reading a submit description: every job condor_submit would queue, in queue order.</summary>
public sealed record SubmitExpansion
{
    /// <summary>Gets the submit file's name as given (or the source name of submit text).</summary>
    public required string File { get; init; }

    /// <summary>Gets the jobs, in the order condor_submit would queue them.</summary>
    public IReadOnlyList<SubmitJob> Jobs { get; init => field = ValueList<SubmitJob>.From(value); } = ValueList<SubmitJob>.Empty;

    /// <summary>Gets whether the description has at least one queue statement; without one, condor_submit (and so this reader) queues one job as if the file ended in "queue".</summary>
    public bool HasQueueStatement { get; init; }

    /// <summary>Gets the messages of the description's warning statements, in the order they were read.</summary>
    public IReadOnlyList<string> Warnings { get; init => field = ValueList<string>.From(value); } = ValueList<string>.Empty;

    /// <summary>Formats the jobs as text: per job its <see cref="SubmitJob.Format"/> block, and finally "jobs: N".</summary>
    public string Format()
    {
        var text = new StringBuilder();
        foreach (var job in Jobs)
        {
            text.Append(job.Format());
        }

        return text.Append("jobs: ").Append(Jobs.Count).Append('\n').ToString();
    }
}
