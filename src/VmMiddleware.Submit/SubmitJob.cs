using System.Text;
using VmMiddleware.WorkUnits.Collections;

namespace VmMiddleware.Submit;

/// <summary>One job condor_submit would queue: its ids, its place in the queue statement and its effective commands in file order.</summary>
public sealed record SubmitJob
{
    /// <summary>Gets the job's ClusterId (the first cluster is <see cref="SubmitOptions.ClusterId"/>).</summary>
    public required int ClusterId { get; init; }

    /// <summary>Gets the job's ProcId, counting from 0 within its cluster.</summary>
    public required int ProcId { get; init; }

    /// <summary>Gets the step, from 0 to the queue statement's count minus one.</summary>
    public required int Step { get; init; }

    /// <summary>Gets the index of the job's item in the queue statement's item list (HTCondor's ItemIndex, alias Row); 0 without a list.</summary>
    public required int ItemIndex { get; init; }

    /// <summary>Gets the job's item (the whole item line) when the queue statement has an item list, otherwise null.</summary>
    public string? Item { get; init; }

    /// <summary>Gets the file the queue statement that created the job is in.</summary>
    public required string File { get; init; }

    /// <summary>Gets the 1-based line of the queue statement that created the job.</summary>
    public required int QueueLine { get; init; }

    /// <summary>Gets the effective commands, in the order their keys were first set; each key appears once.</summary>
    public IReadOnlyList<SubmitCommand> Commands { get; init => field = ValueList<SubmitCommand>.From(value); } = ValueList<SubmitCommand>.Empty;

    /// <summary>Returns the command whose key matches <paramref name="key"/> case-insensitively (write +Name for job attributes), or null.</summary>
    public SubmitCommand? Find(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var wanted = key.StartsWith("MY.", StringComparison.OrdinalIgnoreCase) ? "+" + key[3..] : key;
        foreach (var command in Commands)
        {
            if (string.Equals(command.Key, wanted, StringComparison.OrdinalIgnoreCase))
            {
                return command;
            }
        }

        return null;
    }

    /// <summary>Returns the expanded value of <paramref name="key"/>, or null when the job does not set it.</summary>
    public string? Get(string key) => Find(key)?.Value;

    /// <summary>Formats the job as text: a "# job C.P" header, "key = value" lines in file order and a blank line.</summary>
    /// <remarks>A value that spans lines is written in the submit language's own multi-line form, "key @=end", its lines, "@end".</remarks>
    public string Format()
    {
        var text = new StringBuilder();
        text.Append("# job ").Append(ClusterId).Append('.').Append(ProcId).Append('\n');
        foreach (var command in Commands)
        {
            if (command.Value.Contains('\n', StringComparison.Ordinal))
            {
                text.Append(command.Key).Append(" @=end\n").Append(command.Value).Append("\n@end\n");
            }
            else
            {
                text.Append(command.Key).Append(" = ").Append(command.Value).Append('\n');
            }
        }

        return text.Append('\n').ToString();
    }
}
