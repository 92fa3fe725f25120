using System.Text.RegularExpressions;
using VmMiddleware.ClassAds;
using VmMiddleware.ClassAds.Printing;
using VmMiddleware.ClassAds.Syntax;
using VmMiddleware.ClassAds.Values;

namespace VmMiddleware.Submit.Transforms;

/// <summary>Applies transform rules to one ClassAd in place, as TransformClassAd and ParseRulesCallback (condor_utils/xform_utils.cpp) do: statements in order, macros as they are defined at that point, if/elif/else/endif.</summary>
/// <remarks>
/// Statements: SET, DEFAULT (only when the ad has no such attribute at all), EVALSET, EVALMACRO, COPY, RENAME and DELETE,
/// the last three also with /regex/ and \0, \1 ... in the new name; NAME is ignored; "name = value" sets a macro.
/// The remainder of a statement after its attribute is macro-expanded ($(name) from the rules' macros, then from the
/// configuration; $(MY.attr) is the ad's attribute, a string without its quotes, anything else as its expression prints)
/// and, for SET and DEFAULT, parsed as an old-syntax ClassAd expression. EVALSET and EVALMACRO evaluate it in the scope of the
/// ad being transformed; EVALMACRO keeps a string without quotes, and any other value as it prints in old syntax. As in
/// HTCondor a statement whose value does not parse or evaluate is skipped, not fatal; <see cref="Apply"/> reports it in
/// <see cref="TransformResult.Errors"/>. An unknown keyword, or a keyword without its arguments, stops the transform.
/// </remarks>
public static partial class AdTransform
{
    private static readonly HashSet<string> Keywords = new(StringComparer.OrdinalIgnoreCase) { "COPY", "DEFAULT", "DELETE", "EVALMACRO", "EVALSET", "RENAME", "SET" };
    private static readonly HashSet<string> TwoArguments = new(StringComparer.OrdinalIgnoreCase) { "COPY", "DEFAULT", "EVALMACRO", "EVALSET", "RENAME", "SET" };

    /// <summary>Applies <paramref name="rules"/> to <paramref name="ad"/> (whether or not they match it; ask <see cref="TransformRules.Matches"/> first).</summary>
    /// <param name="rules">The transform.</param>
    /// <param name="ad">The ad, changed in place.</param>
    /// <param name="configuration">Returns a configuration macro's raw value, or null (the schedd expands $(X) from its configuration too).</param>
    /// <exception cref="TransformException">A statement is not a transform keyword, or lacks its arguments; if/else nesting is wrong.</exception>
    public static TransformResult Apply(TransformRules rules, ClassAd ad, Func<string, string?> configuration)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(ad);
        ArgumentNullException.ThrowIfNull(configuration);
        var run = new TransformRun(rules, ad, configuration);
        run.Execute();
        return new TransformResult(run.Errors);
    }

    /// <summary>Parses <paramref name="text"/> as an old-syntax expression (SET's parser.SetOldClassAd(true)), or returns null.</summary>
    internal static Expr? ParseOld(string text)
    {
        try
        {
            return ClassAd.ParseOldSyntax("X = " + text).Lookup("X");
        }
        catch (ClassAdParseException)
        {
            return null;
        }
    }

    /// <summary>Parses <paramref name="text"/> as a new-syntax expression (ClassAd::EvaluateExpr's parser), or returns null.</summary>
    internal static Expr? ParseNew(string text)
    {
        try
        {
            return ExpressionParser.Parse(text);
        }
        catch (ClassAdParseException)
        {
            return null;
        }
    }

    /// <summary>Returns an EVALMACRO result as text: a string as it is, anything else as it prints in old syntax.</summary>
    internal static string ValueText(Value value) => value.Kind == ValueKind.String ? value.AsString : Unparser.UnparseOld(new LiteralExpr(value));

    /// <summary>Substitutes \0 ... \9 in <paramref name="pattern"/> with the groups of <paramref name="match"/> (append_substituted_regex).</summary>
    internal static string Substitute(Match match, string pattern)
    {
        var output = new System.Text.StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '\\' && i + 1 < pattern.Length && pattern[i + 1] >= '0' && pattern[i + 1] - '0' < match.Groups.Count && match.Groups[pattern[i + 1] - '0'].Success)
            {
                output.Append(match.Groups[pattern[i + 1] - '0'].Value);
                i++;
            }
            else
            {
                output.Append(pattern[i]);
            }
        }

        return output.ToString();
    }

    internal static bool IsKeyword(string word) => Keywords.Contains(word);

    internal static bool TakesTwoArguments(string word) => TwoArguments.Contains(word);

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_.]*$")]
    internal static partial Regex AttributeName();

    [GeneratedRegex(@"^\+?[A-Za-z0-9_.]+\s*=")]
    internal static partial Regex Assignment();
}
