using System.Text;

namespace VmMiddleware.Translation.Condor;

/// <summary>Writes a <see cref="SubmitDescription"/> as the text condor_submit reads: aligned "key = value" lines, comments, then "queue".</summary>
/// <remarks>Every $ in a value is written as $(DOLLAR), so condor_submit never expands a macro the generator did not mean
/// (a ClassAd string holding "$(HOME)" stays literal); a value that spans lines or ends in a backslash (a line
/// continuation) cannot be written and is refused.</remarks>
public static class SubmitDescriptionWriter
{
    /// <summary>Returns the submit description text, ending with a "queue" line and a newline.</summary>
    /// <exception cref="ArgumentException">A value or comment holds a line break, or a value ends with a backslash.</exception>
    public static string Write(SubmitDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        var width = description.Commands.Select(e => e.Key!.Length).DefaultIfEmpty(0).Max();
        var text = new StringBuilder();
        foreach (var entry in description.Entries)
        {
            RequireSingleLine(entry);
            if (entry.IsComment)
            {
                text.Append('#');
                if (entry.Value.Length > 0)
                {
                    text.Append(' ').Append(entry.Value);
                }
            }
            else
            {
                if (entry.Value.TrimEnd().EndsWith('\\'))
                {
                    throw new ArgumentException($"The value of {entry.Key} ends with a backslash, which condor_submit reads as a line continuation.", nameof(description));
                }

                text.Append(entry.Key!.PadRight(width)).Append(" =");
                if (entry.Value.Length > 0)
                {
                    text.Append(' ').Append(Escape(entry.Value));
                }
            }

            text.Append('\n');
        }

        return text.Append("queue\n").ToString();
    }

    /// <summary>Returns <paramref name="value"/> with every $ written as $(DOLLAR), which condor_submit turns back into $.</summary>
    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Replace("$", "$(DOLLAR)", StringComparison.Ordinal);
    }

    private static void RequireSingleLine(SubmitEntry entry)
    {
        if (entry.Value.AsSpan().IndexOfAny('\n', '\r') >= 0 || (entry.Key?.AsSpan().IndexOfAny('\n', '\r') ?? -1) >= 0)
        {
            throw new ArgumentException($"The {(entry.IsComment ? "comment" : "value of " + entry.Key)} spans lines; a submit description line cannot.", nameof(entry));
        }
    }
}
