namespace VmMiddleware.Translation.Condor;

/// <summary>One line of a generated submit description: a command (key = value) or, when <see cref="Key"/> is null, a comment.</summary>
/// <param name="Key">The submit command (such as request_memory or +ProjectName), or null for a comment line.</param>
/// <param name="Value">The command's value as condor_submit reads it, or the comment's text without the leading #.</param>
public sealed record SubmitEntry(string? Key, string Value)
{
    /// <summary>Returns a command line.</summary>
    public static SubmitEntry Command(string key, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        return new SubmitEntry(key, value);
    }

    /// <summary>Returns a comment line.</summary>
    public static SubmitEntry Comment(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new SubmitEntry(null, text);
    }

    /// <summary>Gets whether this line is a comment.</summary>
    public bool IsComment => Key is null;
}
