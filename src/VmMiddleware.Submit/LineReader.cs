using System.Text;

namespace VmMiddleware.Submit;

/// <summary>Splits submit text into statements the way HTCondor's config reader does: '#' comments, trailing-backslash continuations and raw lines for multi-line lists.</summary>
/// <remarks>
/// A comment line never continues, even when it ends in a backslash. Inside a continuation a comment line is dropped
/// and the continuation goes on with the next line (HTCondor manual, "Comments and Line Continuations").
/// Leading white space of continued lines is dropped; the text before the backslash is kept as written.
/// </remarks>
internal sealed class LineReader
{
    private readonly string[] lines;
    private int next;

    public LineReader(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            lines[i] = lines[i].TrimEnd('\r');
        }

        if (lines.Length > 0 && lines[^1].Length == 0)
        {
            Array.Resize(ref lines, lines.Length - 1);
        }
    }

    /// <summary>Gets the 1-based number of the last physical line read, or 0 before the first.</summary>
    public int LastLine => next;

    /// <summary>Reads the next statement, skipping blank and comment lines and joining continuations; null at the end.</summary>
    public SourceLine? ReadStatement()
    {
        while (next < lines.Length)
        {
            var raw = lines[next++];
            var start = next;
            var trimmed = raw.Trim();
            if (trimmed.Length == 0 || trimmed[0] == '#')
            {
                continue;
            }

            var current = raw.TrimEnd();
            if (!current.EndsWith('\\'))
            {
                return new SourceLine(trimmed, start);
            }

            var text = new StringBuilder();
            while (current.EndsWith('\\'))
            {
                text.Append(current, 0, current.Length - 1);
                current = NextContinuation();
            }

            text.Append(current);
            return new SourceLine(text.ToString().Trim(), start);
        }

        return null;
    }

    /// <summary>Reads the next physical line exactly as written (nothing trimmed, joined or skipped); null at the end.</summary>
    public SourceLine? ReadRaw() => next < lines.Length ? new SourceLine(lines[next++], next) : null;

    private string NextContinuation()
    {
        while (next < lines.Length)
        {
            var line = lines[next++].Trim();
            if (!line.StartsWith('#'))
            {
                return line;
            }
        }

        return string.Empty;
    }
}
