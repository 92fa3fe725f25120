namespace VmMiddleware.Translation.Condor;

/// <summary>A generated HTCondor submit description: commands and comments in order, followed by one queue statement.</summary>
public sealed class SubmitDescription
{
    /// <summary>Initializes a description from its lines.</summary>
    /// <param name="entries">The commands and comments, in the order they are written.</param>
    public SubmitDescription(IEnumerable<SubmitEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Entries = entries.ToArray();
    }

    /// <summary>Gets the commands and comments in the order they are written.</summary>
    public IReadOnlyList<SubmitEntry> Entries { get; }

    /// <summary>Gets the commands (comments left out).</summary>
    public IEnumerable<SubmitEntry> Commands => Entries.Where(e => !e.IsComment);

    /// <summary>Returns the value of the command <paramref name="key"/> (compared case-insensitively), or null when it is not set.</summary>
    public string? Find(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Commands.LastOrDefault(e => string.Equals(e.Key, key, StringComparison.OrdinalIgnoreCase))?.Value;
    }
}
