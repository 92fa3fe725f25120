using System.Globalization;
using System.Text.RegularExpressions;
using VmMiddleware.ClassAds.Values;

namespace VmMiddleware.Submit;

/// <summary>Evaluates the condition of an if or elif: "defined NAME", "version OP x.y[.z]", true/false/yes/no/numbers, $(macro) and ClassAd expressions, each optionally negated with '!'.</summary>
/// <remarks>The forms and their order follow HTCondor's manual, "Conditionals in Configuration"; a condition that expands to nothing is false.</remarks>
internal static partial class ConditionEvaluator
{
    /// <summary>Evaluates <paramref name="condition"/>; throws <see cref="StatementException"/> with "X is not a valid if condition because ..." when it is not one.</summary>
    public static bool Evaluate(string condition, string keyword, MacroExpander expander, Func<string, string?> lookup, Version version)
    {
        var expanded = condition.Contains('$', StringComparison.Ordinal);
        var text = expanded ? expander.Expand(condition).Trim() : condition.Trim();
        var negated = false;
        if (text.StartsWith('!'))
        {
            negated = true;
            text = text[1..].TrimStart();
        }

        if (text.Length == 0)
        {
            return expanded ? negated : throw Invalid(condition, keyword, "the condition is empty");
        }

        return negated ^ EvaluatePlain(text, condition, keyword, lookup, version);
    }

    private static bool EvaluatePlain(string text, string condition, string keyword, Func<string, string?> lookup, Version version)
    {
        if (TryLiteral(text, out var literal))
        {
            return literal;
        }

        var word = FirstWord().Match(text).Value;
        if (word.Equals("defined", StringComparison.OrdinalIgnoreCase))
        {
            var name = text[word.Length..].Trim();
            if (name.Length == 0)
            {
                return false;
            }

            if (TryLiteral(name, out _))
            {
                return true;
            }

            return MacroExpander.IsMacroName(name)
                ? !string.IsNullOrEmpty(lookup(name))
                : throw Invalid(condition, keyword, "defined argument must be param name, boolean, or number");
        }

        if (word.Equals("version", StringComparison.OrdinalIgnoreCase))
        {
            return CompareVersion(text[word.Length..].Trim(), condition, keyword, version);
        }

        if (MacroExpander.TryEvaluate(text, out var value) && value.TryGetTruth(out var truth))
        {
            return truth;
        }

        return value.Kind == ValueKind.Undefined && MacroExpander.IsMacroName(text)
            ? throw Invalid(condition, keyword, "expression is not a conditional")
            : throw Invalid(condition, keyword, "it does not evaluate to true or false");
    }

    private static bool TryLiteral(string text, out bool value)
    {
        switch (text.ToLowerInvariant())
        {
            case "true" or "yes" or "t": value = true; return true;
            case "false" or "no" or "f": value = false; return true;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && !text.Contains(' ', StringComparison.Ordinal))
        {
            value = number != 0;
            return true;
        }

        value = false;
        return false;
    }

    private static bool CompareVersion(string rest, string condition, string keyword, Version current)
    {
        var match = VersionComparison().Match(rest);
        if (!match.Success)
        {
            throw Invalid(condition, keyword, "the version literal is invalid; expected version ==, !=, <, <=, > or >= x.y[.z]");
        }

        var major = int.Parse(match.Groups["major"].Value, CultureInfo.InvariantCulture);
        var minor = int.Parse(match.Groups["minor"].Value, CultureInfo.InvariantCulture);
        var patch = match.Groups["patch"].Success ? int.Parse(match.Groups["patch"].Value, CultureInfo.InvariantCulture) : Math.Max(0, current.Build);
        var difference = new Version(current.Major, current.Minor, Math.Max(0, current.Build)).CompareTo(new Version(major, minor, patch));
        return match.Groups["op"].Value switch
        {
            "==" or "=" => difference == 0,
            "!=" => difference != 0,
            "<" => difference < 0,
            "<=" => difference <= 0,
            ">" => difference > 0,
            _ => difference >= 0,
        };
    }

    private static StatementException Invalid(string condition, string keyword, string reason) =>
        new($"{condition.Trim()} is not a valid {keyword} condition because {reason}");

    [GeneratedRegex(@"^[A-Za-z]+")]
    private static partial Regex FirstWord();

    [GeneratedRegex(@"^(?<op>==|!=|<=|>=|<|>|=)\s*[vV]?(?<major>\d+)\.(?<minor>\d+)(?:\.(?<patch>\d+))?$")]
    private static partial Regex VersionComparison();
}
