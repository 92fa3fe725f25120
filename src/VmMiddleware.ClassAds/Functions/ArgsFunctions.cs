using System.Text;
using VmMiddleware.ClassAds.Syntax;
using VmMiddleware.ClassAds.Values;

namespace VmMiddleware.ClassAds.Functions;

/// <summary>
/// <c>argsToList</c> and <c>listToArgs</c>, which HTCondor registers on top of libclassad (compat_classad.cpp ArgsToList
/// and ListToArgs, over condor_arglist.cpp's V1 and V2 argument syntaxes).
/// </summary>
internal static class ArgsFunctions
{
    public static void Register(Dictionary<string, BuiltinFunction> t)
    {
        t["argsToList"] = Args.Range(1, 2, (v, _) => ArgsToList(v));
        t["listToArgs"] = Args.Range(1, 2, (v, ev) => ListToArgs(v, ev));
    }

    private static Value ArgsToList(ReadOnlySpan<Value> v)
    {
        if (!TryVersion(v, out var version) || v[0].Kind != ValueKind.String)
        {
            return Value.Error;
        }

        var args = new List<string>();
        if (!(version == 1 ? SplitV1(v[0].AsString, args) : SplitV2(v[0].AsString, args)))
        {
            return Value.Error;
        }

        var items = new Expr[args.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = new LiteralExpr(Value.FromString(args[i]));
        }

        return Value.FromList(new ClassAdList(items));
    }

    private static Value ListToArgs(ReadOnlySpan<Value> v, Evaluation.Evaluator ev)
    {
        if (!TryVersion(v, out var version) || v[0].Kind != ValueKind.List)
        {
            return Value.Error;
        }

        var result = new StringBuilder();
        foreach (var item in Coerce.Elements(v[0], ev))
        {
            if (item.Kind != ValueKind.String)
            {
                return Value.Error;
            }

            var arg = item.AsString;
            if (version == 1)
            {
                // GetArgsStringV1Raw: an argument with white space cannot be written in V1 syntax.
                if (arg.AsSpan().IndexOfAny(" \t\r\n") >= 0)
                {
                    return Value.Error;
                }

                result.Append(result.Length > 0 ? " " : string.Empty).Append(arg);
            }
            else
            {
                AppendV2(arg, result);
            }
        }

        return Value.FromString(result.ToString());
    }

    // The optional second argument is the syntax version, 1 or 2 (IsIntegerValue(int&): the low 32 bits).
    private static bool TryVersion(ReadOnlySpan<Value> v, out int version)
    {
        version = 2;
        if (v.Length == 2)
        {
            if (v[1].Kind != ValueKind.Integer)
            {
                return false;
            }

            version = unchecked((int)v[1].AsInteger);
        }

        return version is 1 or 2;
    }

    // AppendArgsV1Raw_unix: split on white space.
    private static bool SplitV1(string s, List<string> args)
    {
        args.AddRange(s.Split([' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
        return true;
    }

    // split_args: white space separates; single quotes group, and a doubled quote inside them is one quote.
    private static bool SplitV2(string s, List<string> args)
    {
        var buf = new StringBuilder();
        var token = false;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '\'')
            {
                token = true;
                i++;
                while (true)
                {
                    if (i >= s.Length)
                    {
                        return false;
                    }

                    if (s[i] == '\'')
                    {
                        if (i + 1 < s.Length && s[i + 1] == '\'')
                        {
                            buf.Append('\'');
                            i += 2;
                            continue;
                        }

                        break;
                    }

                    buf.Append(s[i++]);
                }
            }
            else if (c is ' ' or '\t' or '\n' or '\r')
            {
                if (token)
                {
                    args.Add(buf.ToString());
                    buf.Clear();
                    token = false;
                }
            }
            else
            {
                token = true;
                buf.Append(c);
            }
        }

        if (token)
        {
            args.Add(buf.ToString());
        }

        return true;
    }

    // condor_arglist.cpp append_arg: white space and quotes are quoted, joining with a quoted run just before.
    private static void AppendV2(string arg, StringBuilder result)
    {
        if (result.Length > 0)
        {
            result.Append(' ');
        }

        if (arg.Length == 0)
        {
            result.Append("''");
        }

        foreach (var c in arg)
        {
            if (c is ' ' or '\t' or '\n' or '\r' or '\'')
            {
                if (result.Length > 0 && result[^1] == '\'')
                {
                    result.Length--;
                }
                else
                {
                    result.Append('\'');
                }

                if (c == '\'')
                {
                    result.Append('\'');
                }

                result.Append(c).Append('\'');
            }
            else
            {
                result.Append(c);
            }
        }
    }
}
