using System.Text;
using VmMiddleware.ClassAds.Evaluation;
using VmMiddleware.ClassAds.Syntax;
using VmMiddleware.ClassAds.Values;

namespace VmMiddleware.ClassAds.Functions;

/// <summary>String functions: <c>strcat</c>, <c>join</c>, <c>substr</c>, <c>strcmp</c>, <c>stricmp</c>, <c>toUpper</c>, <c>toLower</c>, <c>size</c>.</summary>
internal static class StringFunctions
{
    public static void Register(Dictionary<string, BuiltinFunction> t)
    {
        t["strcat"] = Args.All((v, _) => Strcat(v));
        t["join"] = Join;
        t["substr"] = Args.Range(2, 3, (v, _) => Substr(v));
        t["strcmp"] = Args.Fixed(2, (v, _) => Compare(v[0], v[1], ignoreCase: false));
        t["stricmp"] = Args.Fixed(2, (v, _) => Compare(v[0], v[1], ignoreCase: true));
        t["toUpper"] = Args.Fixed(1, (v, _) => ChangeCase(v[0], upper: true));
        t["toLower"] = Args.Fixed(1, (v, _) => ChangeCase(v[0], upper: false));
        t["size"] = Args.Fixed(1, (v, _) => Size(v[0]));
    }

    // Manual, strcat(): "Returns ERROR if any argument evaluates to UNDEFINED or ERROR."
    private static Value Strcat(ReadOnlySpan<Value> values)
    {
        // The usual two or three pieces are joined without a builder.
        if (values.Length is 2 or 3)
        {
            if (!Piece(values[0], out var a) || !Piece(values[1], out var b))
            {
                return Value.Error;
            }

            if (values.Length == 2)
            {
                return Value.FromString(string.Concat(a, b));
            }

            return Piece(values[2], out var c) ? Value.FromString(string.Concat(a, b, c)) : Value.Error;
        }

        var sb = new StringBuilder();
        foreach (var v in values)
        {
            var s = Coerce.ToStringValue(v);
            if (s.Kind != ValueKind.String)
            {
                return Value.Error;
            }

            sb.Append(s.AsString);
        }

        return Value.FromString(sb.ToString());
    }

    private static bool Piece(Value v, out string text)
    {
        var s = Coerce.ToStringValue(v);
        text = s.Kind == ValueKind.String ? s.AsString : string.Empty;
        return s.Kind == ValueKind.String;
    }

    // Manual, join(): "Undefined arguments are skipped." The same entry closes with "Returns ERROR if any argument
    // evaluates to UNDEFINED or ERROR", which contradicts it; we skip UNDEFINED (as HTCondor does) and return
    // UNDEFINED only when nothing at all was defined.
    private static Value Join(IReadOnlyList<Expr> args, Evaluator ev)
    {
        var values = new List<Value>(args.Count);
        foreach (var a in args)
        {
            values.Add(ev.Eval(a));
        }

        // With one or two arguments a trailing list supplies the items: join(list) or join(sep, list).
        if (values.Count is 1 or 2 && values[^1].Kind == ValueKind.List)
        {
            var items = Coerce.Elements(values[^1], ev);
            var separator = values.Count == 2 ? values[0] : Value.FromString(string.Empty);
            values = [separator, .. items];
        }

        var sb = new StringBuilder();
        string? sep = null;
        bool sawUndefined = false, sawDefined = false;
        for (var i = 0; i < values.Count; i++)
        {
            var s = Coerce.ToStringValue(values[i]);
            if (s.IsUndefined)
            {
                sawUndefined = true;
                continue;
            }

            if (s.IsError)
            {
                return Value.Error;
            }

            if (i == 0)
            {
                sep = s.AsString;
                continue;
            }

            if (sb.Length > 0)
            {
                sb.Append(sep);
            }

            sawDefined = true;
            sb.Append(s.AsString);
        }

        return sawUndefined && !sawDefined ? Value.Undefined : Value.FromString(sb.ToString());
    }

    // Manual, substr(): offsets count from 0; a negative offset counts from the end; a negative length drops that
    // many characters from the right; parts outside the string are cut off, and nothing left is "".
    private static Value Substr(ReadOnlySpan<Value> v)
    {
        if (Args.AnyUndefined(v))
        {
            return Value.Undefined;
        }

        if (v[0].Kind != ValueKind.String || v[1].Kind != ValueKind.Integer || (v.Length == 3 && v[2].Kind != ValueKind.Integer))
        {
            return Value.Error;
        }

        var s = v[0].AsString;
        long n = s.Length;
        var offset = v[1].AsInteger;
        offset = offset < 0 ? Math.Max(0, n + offset) : Math.Min(offset, n);
        var length = v.Length == 3 ? v[2].AsInteger : 0;
        if (v.Length == 3 && length == 0)
        {
            return Value.FromString(string.Empty);
        }

        length = length <= 0 ? Math.Max(0, n - offset + length) : Math.Min(length, n - offset);
        return Value.FromString(s.Substring((int)offset, (int)length));
    }

    // Manual, strcmp(): "Where either argument evaluates to ERROR or UNDEFINED, ERROR is returned."
    private static Value Compare(Value a, Value b, bool ignoreCase)
    {
        var sa = Coerce.ToStringValue(a);
        var sb = Coerce.ToStringValue(b);
        if (sa.Kind != ValueKind.String || sb.Kind != ValueKind.String)
        {
            return Value.Error;
        }

        var order = ignoreCase
            ? string.CompareOrdinal(AsciiLower(sa.AsString), AsciiLower(sb.AsString))
            : string.CompareOrdinal(sa.AsString, sb.AsString);
        return Value.FromInteger(Math.Sign(order));
    }

    // Manual, toUpper()/toLower(): "If the argument evaluates to ERROR or UNDEFINED, ERROR is returned."
    // HTCondor maps case in the C locale, so only ASCII letters change.
    private static Value ChangeCase(Value v, bool upper)
    {
        var s = Coerce.ToStringValue(v);
        if (s.Kind != ValueKind.String)
        {
            return Value.Error;
        }

        return Value.FromString(upper ? AsciiUpper(s.AsString) : AsciiLower(s.AsString));
    }

    // Manual, size(): strings, lists and ads have a size; "Otherwise, ERROR is returned." The manual does not
    // mention UNDEFINED, which HTCondor passes through.
    private static Value Size(Value v) => v.Kind switch
    {
        ValueKind.Undefined => Value.Undefined,
        ValueKind.String => Value.FromInteger(v.AsString.Length),
        ValueKind.List => Value.FromInteger(v.AsList.Count),
        ValueKind.ClassAd => Value.FromInteger(v.AsClassAd.Count),
        _ => Value.Error,
    };

    internal static string AsciiLower(string s) => string.Create(s.Length, s, static (span, src) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = char.IsAsciiLetterUpper(src[i]) ? (char)(src[i] + 32) : src[i];
        }
    });

    internal static string AsciiUpper(string s) => string.Create(s.Length, s, static (span, src) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = char.IsAsciiLetterLower(src[i]) ? (char)(src[i] - 32) : src[i];
        }
    });
}
