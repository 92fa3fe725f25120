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

    // fnCall.cpp strCat: arguments are read left to right; the first UNDEFINED one makes the result UNDEFINED (what
    // follows is not looked at), an ERROR before it makes it ERROR; strcat() is "".
    private static Value Strcat(ReadOnlySpan<Value> values)
    {
        // The usual two or three pieces are joined without a builder.
        if (values.Length is 2 or 3)
        {
            var a = Coerce.ToStringValue(values[0]);
            if (a.Kind != ValueKind.String)
            {
                return a;
            }

            var b = Coerce.ToStringValue(values[1]);
            if (b.Kind != ValueKind.String)
            {
                return b;
            }

            if (values.Length == 2)
            {
                return Value.FromString(string.Concat(a.AsString, b.AsString));
            }

            var c = Coerce.ToStringValue(values[2]);
            return c.Kind == ValueKind.String ? Value.FromString(string.Concat(a.AsString, b.AsString, c.AsString)) : c;
        }

        var sb = new StringBuilder();
        foreach (var v in values)
        {
            var s = Coerce.ToStringValue(v);
            if (s.Kind != ValueKind.String)
            {
                return s;
            }

            sb.Append(s.AsString);
        }

        return Value.FromString(sb.ToString());
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

    // fnCall.cpp subString: UNDEFINED first, then a string and 32-bit int offset and length (IsIntegerValue(int&)
    // keeps the low 32 bits), counted in the string's UTF-8 bytes, perl-like for negative values.
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
        var ascii = System.Text.Ascii.IsValid(s);
        var bytes = ascii ? null : Encoding.UTF8.GetBytes(s);
        var alen = ascii ? s.Length : bytes!.Length;
        var offset = unchecked((int)v[1].AsInteger);
        var len = v.Length == 3 ? unchecked((int)v[2].AsInteger) : 0;
        if (offset < 0)
        {
            offset = Math.Max(0, alen + offset);
        }
        else if (offset >= alen)
        {
            offset = alen;
        }

        if (len <= 0)
        {
            len = Math.Max(0, alen - offset + len);
        }
        else if (len > alen - offset)
        {
            len = alen - offset;
        }

        if (v.Length == 3 && unchecked((int)v[2].AsInteger) == 0)
        {
            len = 0;
        }

        return Value.FromString(ascii ? s.Substring(offset, len) : Encoding.UTF8.GetString(bytes!, offset, len));
    }

    // fnCall.cpp compareString: UNDEFINED if either is; otherwise both converted to strings (ERROR if one cannot be).
    private static Value Compare(Value a, Value b, bool ignoreCase)
    {
        if (a.IsUndefined || b.IsUndefined)
        {
            return Value.Undefined;
        }

        var sa = Coerce.ToStringValue(a);
        var sb = Coerce.ToStringValue(b);
        if (sa.Kind != ValueKind.String || sb.Kind != ValueKind.String)
        {
            return Value.Error;
        }

        var order = ignoreCase
            ? Evaluation.Operators.CaseInsensitiveCompare(sa.AsString, sb.AsString)
            : string.CompareOrdinal(sa.AsString, sb.AsString);
        return Value.FromInteger(Math.Sign(order));
    }

    // fnCall.cpp changeCase: UNDEFINED stays UNDEFINED; C-locale tolower/toupper, so only ASCII letters change.
    private static Value ChangeCase(Value v, bool upper)
    {
        var s = Coerce.ToStringValue(v);
        if (s.Kind != ValueKind.String)
        {
            return s;
        }

        return Value.FromString(upper ? AsciiUpper(s.AsString) : AsciiLower(s.AsString));
    }

    // fnCall.cpp size: a string's size is its length in bytes (HTCondor's strings are UTF-8 bytes, so "é" is 2).
    private static Value Size(Value v) => v.Kind switch
    {
        ValueKind.Undefined => Value.Undefined,
        ValueKind.String => Value.FromInteger(Utf8Length(v.AsString)),
        ValueKind.List => Value.FromInteger(v.AsList.Count),
        ValueKind.ClassAd => Value.FromInteger(v.AsClassAd.Count),
        _ => Value.Error,
    };

    internal static int Utf8Length(string s) => System.Text.Ascii.IsValid(s) ? s.Length : Encoding.UTF8.GetByteCount(s);

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
