using VmMiddleware.ClassAds.Evaluation;
using VmMiddleware.ClassAds.Values;

namespace VmMiddleware.ClassAds.Functions;

/// <summary>Regular-expression functions: <c>regexp</c>, <c>regexpMember</c>, <c>regexps</c>, <c>replace</c>, <c>replaceAll</c>, <c>stringList_regexpMember</c>.</summary>
/// <remarks>
/// HTCondor uses PCRE; these map onto .NET regular expressions, which agree on the common syntax. A pattern that does not
/// compile, or a match that runs longer than <see cref="RegexSupport.MatchTimeout"/>, gives ERROR. As in HTCondor, an
/// ERROR argument gives ERROR, then an UNDEFINED argument gives UNDEFINED, then a non-string argument gives ERROR.
/// </remarks>
internal static class RegexFunctions
{
    public static void Register(Dictionary<string, BuiltinFunction> t)
    {
        t["regexp"] = Args.Range(2, 3, (v, _) => Regexp(v));
        t["regexpMember"] = Args.Range(2, 3, RegexpMember);
        t["regexps"] = Args.Range(3, 4, (v, _) => Substitute(v, string.Empty));
        t["replace"] = Args.Range(3, 4, (v, _) => Substitute(v, "f"));
        t["replaceAll"] = Args.Range(3, 4, (v, _) => Substitute(v, "fg"));
        t["stringList_regexpMember"] = Args.Range(2, 4, (v, _) => StringListMember(v));
    }

    // Manual, regexp(): true when target matches pattern; ERROR when an argument is not a string or the pattern is
    // not a valid regular expression.
    private static Value Regexp(ReadOnlySpan<Value> v)
    {
        if (Screen(v, 2) is { } early)
        {
            return early;
        }

        if (v[1].Kind != ValueKind.String || Compile(v[0], v.Length > 2 ? v[2].AsString : string.Empty) is not { } regex)
        {
            return Value.Error;
        }

        return RegexSupport.IsMatch(regex, v[1].AsString) is { } b ? Value.FromBoolean(b) : Value.Error;
    }

    // Manual, regexpMember(): true when an element matches; "If no strings match, and at least one item in
    // targetString evaluated to undefined, returns undefined. If any item in targetString before a match evaluated to
    // neither a string nor undefined, returns ERROR."
    private static Value RegexpMember(ReadOnlySpan<Value> v, Evaluator ev)
    {
        if (Screen(v, 2) is { } early)
        {
            return early;
        }

        if (v[1].Kind != ValueKind.List || v[0].Kind != ValueKind.String)
        {
            return Value.Error;
        }

        // fnCall.cpp matchPatternMember compiles the pattern per element, and reads the ERROR of a pattern that does not
        // compile as "no match".
        var regex = Compile(v[0], v.Length > 2 ? v[2].AsString : string.Empty);
        var sawUndefined = false;
        var list = v[1].AsList;
        for (var i = 0; i < list.Count; i++)
        {
            var element = ev.EvalIn(list.Items[i], list.Scope);
            if (element.IsUndefined)
            {
                sawUndefined = true;
                continue;
            }

            if (element.Kind != ValueKind.String)
            {
                return Value.Error;
            }

            if (regex is null)
            {
                continue;
            }

            switch (RegexSupport.IsMatch(regex, element.AsString))
            {
                case null: return Value.Error;
                case true: return Value.True;
                default: break;
            }
        }

        return sawUndefined ? Value.Undefined : Value.False;
    }

    // Manual, regexps(): on a match, returns substitute "with backslash expansion performed"; replace() is regexps()
    // with the f option and replaceAll() with fg. f returns the full target with substitutions applied, g replaces
    // every match. HTCondor returns "" from regexps() when nothing matches.
    private static Value Substitute(ReadOnlySpan<Value> v, string forced)
    {
        if (Screen(v, 3) is { } early)
        {
            return early;
        }

        var letters = (v.Length > 3 ? v[3].AsString : string.Empty) + forced;
        if (v[1].Kind != ValueKind.String || v[2].Kind != ValueKind.String || Compile(v[0], letters) is not { } regex)
        {
            return Value.Error;
        }

        var full = letters.Contains('f', StringComparison.Ordinal);
        var all = letters.Contains('g', StringComparison.Ordinal);
        var result = RegexSupport.Substitute(regex, v[1].AsString, v[2].AsString, full, all);
        return result is null ? Value.Error : Value.FromString(result);
    }

    // Manual, stringList_regexpMember(pattern, list [, delimiter] [, options]): true when an item of the string list
    // matches; false when none does; ERROR when an argument is not a string or the pattern is invalid. An empty list
    // gives UNDEFINED, as in HTCondor.
    private static Value StringListMember(ReadOnlySpan<Value> v)
    {
        var delimiters = StringLists.DefaultDelimiters;
        var letters = string.Empty;
        if (!Coerce.TryString(v[0], out var pattern) || !Coerce.TryString(v[1], out var list)
            || (v.Length > 2 && !Coerce.TryString(v[2], out delimiters)) || (v.Length > 3 && !Coerce.TryString(v[3], out letters)))
        {
            return Value.Error;
        }

        if (RegexSupport.Compile(pattern, RegexSupport.Options(letters)) is not { } regex)
        {
            return Value.Error;
        }

        var items = StringLists.Split(list, delimiters);
        if (items.Count == 0)
        {
            return Value.Undefined;
        }

        foreach (var item in items)
        {
            switch (RegexSupport.IsMatch(regex, item))
            {
                case null: return Value.Error;
                case true: return Value.True;
                default: break;
            }
        }

        return Value.False;
    }

    // ERROR first, then UNDEFINED, then the pattern and the options (at optionsIndex, if given) must be strings.
    private static Value? Screen(ReadOnlySpan<Value> v, int optionsIndex)
    {
        if (Args.AnyError(v))
        {
            return Value.Error;
        }

        if (Args.AnyUndefined(v))
        {
            return Value.Undefined;
        }

        return v[0].Kind != ValueKind.String || (v.Length > optionsIndex && v[optionsIndex].Kind != ValueKind.String) ? Value.Error : null;
    }

    private static System.Text.RegularExpressions.Regex? Compile(Value pattern, string letters) =>
        RegexSupport.Compile(pattern.AsString, RegexSupport.Options(letters));
}
