using System.Text;

namespace VmMiddleware.Translation.Rsl;

/// <summary>Prints RSL as the GRAM5 job manager reads it: &amp; on the first line, one relation per line, every literal double-quoted.</summary>
/// <remarks>Quoting every literal is what keeps a generator safe: unquoted RSL values cannot hold ! $ &lt; ~ * ? and
/// misread a leading &amp; | +. Names (attributes, variables) are printed bare when they are plain words.</remarks>
public static class RslWriter
{
    /// <summary>Returns the request as RSL text, ending with a newline.</summary>
    public static string Write(RslRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = new StringBuilder("&\n");
        foreach (var relation in request.Relations)
        {
            Append(text, relation);
            text.Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Returns one relation as (attribute = value ...).</summary>
    public static string Write(RslRelation relation)
    {
        ArgumentNullException.ThrowIfNull(relation);
        var text = new StringBuilder();
        Append(text, relation);
        return text.ToString();
    }

    /// <summary>Returns one value as RSL text.</summary>
    public static string Write(RslValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = new StringBuilder();
        Append(text, value);
        return text.ToString();
    }

    /// <summary>Returns <paramref name="text"/> in double quotes, with each " doubled.</summary>
    public static string Quote(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    private static string Name(string name) =>
        name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.') ? name : Quote(name);

    private static void Append(StringBuilder text, RslRelation relation)
    {
        text.Append('(').Append(Name(relation.Attribute)).Append(" = ");
        AppendAll(text, relation.Values);
        text.Append(')');
    }

    private static void AppendAll(StringBuilder text, IReadOnlyList<RslValue> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            // Pairs print back to back, (A "1")(B "2"), as in the GRAM documentation; other values get a space.
            if (i > 0 && !(values[i - 1] is RslSequence && values[i] is RslSequence))
            {
                text.Append(' ');
            }

            Append(text, values[i]);
        }
    }

    private static void Append(StringBuilder text, RslValue value)
    {
        switch (value)
        {
            case RslLiteral literal:
                text.Append(Quote(literal.Text));
                break;
            case RslVariable variable:
                text.Append("$(").Append(Name(variable.Name)).Append(')');
                break;
            case RslSequence sequence:
                text.Append('(');
                AppendAll(text, sequence.Items);
                text.Append(')');
                break;
            case RslConcatenation concatenation:
                for (var i = 0; i < concatenation.Parts.Count; i++)
                {
                    if (i > 0)
                    {
                        text.Append('#');
                    }

                    Append(text, concatenation.Parts[i]);
                }

                break;
            default:
                throw new ArgumentException("Unknown RSL value type " + value.GetType().Name + ".", nameof(value));
        }
    }
}
