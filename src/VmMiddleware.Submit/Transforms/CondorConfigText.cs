namespace VmMiddleware.Submit.Transforms;

/// <summary>Reads the raw macro definitions of an HTCondor configuration file: "NAME = value" and "NAME @=tag" ... "@tag", comments and continuations; later definitions win.</summary>
/// <remarks>
/// Values are kept as written (unexpanded), which is how the schedd reads a JOB_TRANSFORM_NAME: its macros are expanded
/// when the transform runs, against the ad. Self-references ($(NAME) in NAME's own value) are replaced by the earlier value,
/// as the configuration reader does. if/include/use statements are refused: this reader is for configuration snippets
/// that define macros only.
/// </remarks>
public static class CondorConfigText
{
    /// <summary>Returns the definitions in <paramref name="text"/>, names compared without case.</summary>
    /// <exception cref="TransformException">A line is not a definition, or a here-document is not closed; the message names the line.</exception>
    public static IReadOnlyDictionary<string, string> Read(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrEmpty(source);
        var macros = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var reader = new LineReader(text);
        while (reader.ReadStatement() is { } line)
        {
            var here = line.Text.IndexOf("@=", StringComparison.Ordinal);
            var equals = line.Text.IndexOf('=', StringComparison.Ordinal);
            if (here > 0 && here < equals + 1 && MacroExpander.IsMacroName(line.Text[..here].Trim()))
            {
                var tag = "@" + line.Text[(here + 2)..].Trim();
                var body = new List<string>();
                while (true)
                {
                    var raw = reader.ReadRaw() ?? throw new TransformException(source, line.Line, $"{line.Text[..here].Trim()} @= is not closed by a line {tag}");
                    if (raw.Text.Trim() == tag)
                    {
                        break;
                    }

                    body.Add(raw.Text);
                }

                macros[line.Text[..here].Trim()] = string.Join('\n', body);
                continue;
            }

            if (equals <= 0 || !MacroExpander.IsMacroName(line.Text[..equals].Trim()))
            {
                throw new TransformException(source, line.Line, $"'{line.Text}' is not a macro definition; this reader takes NAME = value and NAME @=tag lines only");
            }

            var name = line.Text[..equals].Trim();
            var value = line.Text[(equals + 1)..].Trim();
            if (macros.TryGetValue(name, out var earlier))
            {
                value = value.Replace("$(" + name + ")", earlier, StringComparison.OrdinalIgnoreCase);
            }
            else
            {
                value = value.Replace("$(" + name + ")", string.Empty, StringComparison.OrdinalIgnoreCase);
            }

            macros[name] = value;
        }

        return macros;
    }
}
