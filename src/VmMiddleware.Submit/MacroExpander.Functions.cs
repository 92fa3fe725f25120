using System.Globalization;
using VmMiddleware.ClassAds.Evaluation;
using VmMiddleware.ClassAds.Printing;
using VmMiddleware.ClassAds.Syntax;
using VmMiddleware.ClassAds.Values;

namespace VmMiddleware.Submit;

/// <summary>The macro functions of HTCondor's config and submit language ("Function Macros in Configuration").</summary>
internal sealed partial class MacroExpander
{
    /// <summary>Calls macro function <paramref name="function"/> on <paramref name="body"/>; returns null when no such function exists.</summary>
    private string? CallFunction(string function, string body) => function switch
    {
        "ENV" => Env(Expand(body)),
        "RANDOM_CHOICE" => RandomChoice(Expand(body)),
        "RANDOM_INTEGER" => RandomInteger(Expand(body)),
        "CHOICE" => Choice(body),
        "SUBSTR" => Substring(body),
        "INT" => IntegerOrReal(body, integer: true),
        "REAL" => IntegerOrReal(body, integer: false),
        "STRING" => StringOf(body),
        "EVAL" => EvaluateOf(body),
        "DIRNAME" => FileNamePart("Fp", body),
        "BASENAME" => FileNamePart("Fnx", body),
        _ when IsFileNameFunction(function) => FileNamePart(function, body),
        _ => null,
    };

    private string Env(string body)
    {
        var colon = body.IndexOf(':', StringComparison.Ordinal);
        var name = (colon < 0 ? body : body[..colon]).Trim();
        return context.GetEnvironmentVariable(name) ?? (colon < 0 ? "UNDEFINED" : body[(colon + 1)..]);
    }

    private string RandomChoice(string body)
    {
        var entries = SplitList(body);
        if (entries.Count == 1 && LookupExpanded(entries[0]) is { } list)
        {
            entries = SplitList(list);
        }

        return entries.Count == 0
            ? throw new StatementException("$RANDOM_CHOICE() has nothing to choose from")
            : entries[context.Random.Next(entries.Count)];
    }

    private string RandomInteger(string body)
    {
        var entries = SplitList(body);
        if (entries.Count < 2 || !long.TryParse(entries[0], CultureInfo.InvariantCulture, out var min))
        {
            throw new StatementException($"$RANDOM_INTEGER({body}): invalid min; expected $RANDOM_INTEGER(min, max[, step]) with integers");
        }

        if (!long.TryParse(entries[1], CultureInfo.InvariantCulture, out var max))
        {
            throw new StatementException($"$RANDOM_INTEGER({body}): invalid max; expected an integer");
        }

        var step = 1L;
        if (entries.Count > 2 && (!long.TryParse(entries[2], CultureInfo.InvariantCulture, out step) || step < 1))
        {
            throw new StatementException($"$RANDOM_INTEGER({body}): invalid step; expected an integer of at least 1");
        }

        if (min > max)
        {
            throw new StatementException($"$RANDOM_INTEGER({body}): min is greater than max");
        }

        var choices = ((max - min) / step) + 1;
        return (min + (context.Random.NextInt64(choices) * step)).ToString(CultureInfo.InvariantCulture);
    }

    private string Choice(string body)
    {
        var entries = body.Split(',').Select(e => e.Trim()).ToList();
        if (entries.Count < 2)
        {
            throw new StatementException($"$CHOICE({body}): no list; expected $CHOICE(index, listname) or $CHOICE(index, item1, item2, ...)");
        }

        var indexText = LookupExpanded(entries[0]) ?? Expand(entries[0]);
        if (!TryEvaluateInteger(indexText, out var index) || index < 0)
        {
            throw new StatementException($"$CHOICE({body}): '{indexText}' is not a valid index; expected an integer of at least 0");
        }

        var items = entries.Skip(1).ToList();
        if (items.Count == 1)
        {
            var list = LookupExpanded(items[0])
                ?? throw new StatementException($"$CHOICE({body}): no list named '{items[0]}' is defined");
            items = [.. list.Split(',').Select(e => e.Trim())];
        }
        else
        {
            items = [.. items.Select(Expand)];
        }

        return index < items.Count
            ? items[(int)index]
            : throw new StatementException($"$CHOICE({body}): index {index} is out of range; the list has {items.Count} items");
    }

    private string Substring(string body)
    {
        var parts = body.Split(',');
        if (parts.Length < 2)
        {
            throw new StatementException($"$SUBSTR({body}): no start index; expected $SUBSTR(name, start[, length])");
        }

        var start = SubstringArgument(body, parts[1], "start index");
        var length = parts.Length > 2 ? SubstringArgument(body, parts[2], "length") : int.MaxValue / 2;
        var value = LookupExpanded(parts[0].Trim());
        if (value is null)
        {
            return string.Empty;
        }

        start = start < 0 ? Math.Max(0, value.Length + start) : Math.Min(start, value.Length);
        var available = value.Length - start;
        length = length < 0 ? Math.Max(0, available + length) : Math.Min(length, available);
        return value.Substring(start, length);
    }

    private int SubstringArgument(string body, string argument, string what)
    {
        var text = LookupExpanded(argument.Trim()) ?? Expand(argument.Trim());
        return TryEvaluateInteger(text, out var number) && number is >= int.MinValue and <= int.MaxValue
            ? (int)number
            : throw new StatementException($"$SUBSTR({body}): '{text}' is not a valid {what}; expected an integer");
    }

    private string IntegerOrReal(string body, bool integer)
    {
        var (name, format) = SplitFormat(body);
        var function = integer ? "$INT" : "$REAL";
        var text = LookupExpanded(name) ?? Expand(name);
        if (integer)
        {
            if (!TryEvaluateInteger(text, out var number))
            {
                throw new StatementException(
                    Lookup(name) is null && MacroExpander.IsMacroName(name) && !char.IsAsciiDigit(name[0])
                        ? $"{function}({body}): '{name}' is not defined and is not an integer expression"
                        : $"{function}({body}): '{text}' does not evaluate to an integer");
            }

            return PrintfFormat.FormatInteger(format ?? "%d", number, function);
        }

        if (!TryEvaluateReal(text, out var real))
        {
            throw new StatementException(
                Lookup(name) is null && MacroExpander.IsMacroName(name) && !char.IsAsciiDigit(name[0])
                    ? $"{function}({body}): '{name}' is not defined and is not a real expression"
                    : $"{function}({body}): '{text}' does not evaluate to a real number");
        }

        var result = PrintfFormat.FormatReal(format ?? "%.16G", real, function);
        return format is not null && !result.Contains('.', StringComparison.Ordinal) ? result + ".0" : result;
    }

    private string StringOf(string body)
    {
        var (name, format) = SplitFormat(body);
        var text = LookupExpanded(name) ?? Expand(name);
        if (TryEvaluate(text, out var value) && value.Kind == ValueKind.String)
        {
            text = value.AsString;
        }

        return format is null ? text : PrintfFormat.FormatString(format, text);
    }

    private string EvaluateOf(string body)
    {
        var text = LookupExpanded(body.Trim()) ?? Expand(body);
        return TryEvaluate(text, out var value)
            ? value.Kind == ValueKind.String ? value.AsString : Unparser.Unparse(value)
            : text;
    }

    private static (string Name, string? Format) SplitFormat(string body)
    {
        var comma = body.IndexOf(',', StringComparison.Ordinal);
        return comma < 0 ? (body.Trim(), null) : (body[..comma].Trim(), body[(comma + 1)..]);
    }

    private static List<string> SplitList(string text) =>
        [.. text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>Evaluates <paramref name="text"/> as a ClassAd expression with no scope.</summary>
    internal static bool TryEvaluate(string text, out Value value)
    {
        value = Value.Undefined;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        try
        {
            value = Evaluator.Evaluate(ExpressionParser.Parse(text), null, null);
            return !value.IsExceptional;
        }
        catch (ClassAdParseException)
        {
            return false;
        }
    }

    /// <summary>Reads <paramref name="text"/> as an integer: a literal, or a ClassAd expression giving an integer, a whole real or a boolean.</summary>
    internal static bool TryEvaluateInteger(string text, out long number)
    {
        if (long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number))
        {
            return true;
        }

        if (TryEvaluate(text, out var value))
        {
            switch (value.Kind)
            {
                case ValueKind.Integer: number = value.AsInteger; return true;
                case ValueKind.Boolean: number = value.AsBoolean ? 1 : 0; return true;
                case ValueKind.Real when Math.Abs(value.AsReal) < long.MaxValue: number = (long)value.AsReal; return true;
            }
        }

        number = 0;
        return false;
    }

    private static bool TryEvaluateReal(string text, out double number)
    {
        if (TryEvaluate(text, out var value))
        {
            switch (value.Kind)
            {
                case ValueKind.Integer or ValueKind.Real: number = value.NumberAsReal; return true;
                case ValueKind.Boolean: number = value.AsBoolean ? 1 : 0; return true;
            }
        }

        number = 0;
        return false;
    }
}
