using System.Text.RegularExpressions;
using VmMiddleware.ClassAds;
using VmMiddleware.ClassAds.Printing;
using VmMiddleware.ClassAds.Syntax;
using VmMiddleware.ClassAds.Values;

namespace VmMiddleware.Submit.Transforms;

/// <summary>One application of transform rules to one ad: the macros defined so far, the if/else state and the statements' effects.</summary>
internal sealed class TransformRun
{
    private readonly TransformRules rules;
    private readonly ClassAd ad;
    private readonly Func<string, string?> configuration;
    private readonly MacroTable macros = new(1 << 20);
    private readonly MacroExpander expander;
    private readonly IfStack ifs = new();
    private int line;

    public TransformRun(TransformRules rules, ClassAd ad, Func<string, string?> configuration)
    {
        this.rules = rules;
        this.ad = ad;
        this.configuration = configuration;
        expander = new MacroExpander(Lookup, new MacroContext(new Dictionary<string, string>(), new Random(0), "/"), new ExpansionBudget(1 << 20, 100_000));
    }

    public List<string> Errors { get; } = [];

    public void Execute()
    {
        foreach (var statement in rules.Statements)
        {
            line = statement.Line;
            try
            {
                ExecuteLine(statement.Text);
            }
            catch (StatementException e)
            {
                throw Fail(e.Message);
            }
        }

        if (ifs.OpenLine > 0)
        {
            throw new TransformException(rules.Source, ifs.OpenLine, "if without a matching endif");
        }
    }

    private void ExecuteLine(string text)
    {
        var word = text.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries)[0];
        var rest = text[word.Length..].Trim();
        switch (word.ToLowerInvariant())
        {
            case "if":
                ifs.If(ifs.Enabled && Condition(rest, "if"), line);
                return;
            case "elif":
                Check(ifs.Elif(() => Condition(rest, "elif")));
                return;
            case "else":
                Check(ifs.Else());
                return;
            case "endif":
                Check(ifs.EndIf());
                return;
            default:
                break;
        }

        if (!ifs.Enabled)
        {
            return;
        }

        if (AdTransform.Assignment().IsMatch(text))
        {
            var equals = text.IndexOf('=', StringComparison.Ordinal);
            macros.Define(text[..equals].Trim(), text[(equals + 1)..].Trim(), rules.Source, line);
            return;
        }

        if (word.Equals("NAME", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        if (!AdTransform.IsKeyword(word))
        {
            throw Fail($"{word} is not a valid transform keyword");
        }

        Statement(word.ToUpperInvariant(), rest);
    }

    private void Statement(string keyword, string rest)
    {
        if (rest.Length == 0)
        {
            throw Fail($"{keyword} needs {(AdTransform.TakesTwoArguments(keyword) ? "2 arguments" : "an attribute")}");
        }

        // The first argument is an attribute name (or /regex/ for COPY, RENAME, DELETE); a trailing ',' or '=' is dropped.
        var (attribute, regex, after) = FirstArgument(keyword, rest);
        if (AdTransform.TakesTwoArguments(keyword))
        {
            var tokens = after.TrimStart();
            if (tokens.Length == 0)
            {
                throw Fail($"{keyword} needs 2 arguments");
            }

            // A lone "=" or "," token between the two arguments is consumed.
            if ((tokens[0] is '=' or ',') && (tokens.Length == 1 || char.IsWhiteSpace(tokens[1])))
            {
                tokens = tokens[1..].TrimStart();
                if (tokens.Length == 0)
                {
                    throw Fail($"{keyword} needs 2 arguments");
                }
            }

            after = tokens;
        }

        var value = after.Length == 0 ? null : expander.Expand(after).Trim();
        switch (keyword)
        {
            case "DEFAULT" when ad.Lookup(attribute) is not null:
                return;
            case "SET" or "DEFAULT":
                if (value is null || AdTransform.ParseOld(value) is not { } expr)
                {
                    Errors.Add(Message($"{keyword} {attribute} invalid expression : {value}"));
                    return;
                }

                ad.Insert(attribute, expr);
                return;
            case "EVALSET" or "EVALMACRO":
                Evaluate(keyword, attribute, value);
                return;
            default:
                Rename(keyword, attribute, regex, value);
                return;
        }
    }

    // EVALSET and EVALMACRO go through ClassAd::EvaluateExpr(string), whose parser reads new syntax (backslash escapes).
    private void Evaluate(string keyword, string attribute, string? value)
    {
        if (value is null || AdTransform.ParseNew(value) is not { } expr)
        {
            Errors.Add(Message($"{keyword} {attribute} could not evaluate : {value}"));
            return;
        }

        var result = ad.Evaluate(expr);
        if (keyword == "EVALMACRO")
        {
            macros.Define(attribute, AdTransform.ValueText(result), rules.Source, line);
        }
        else
        {
            ad.Insert(attribute, new LiteralExpr(result));
        }
    }

    private void Rename(string keyword, string attribute, Regex? regex, string? newName)
    {
        var matched = regex is null
            ? (ad.Lookup(attribute) is null ? [] : [KeyValuePair.Create(attribute, newName ?? string.Empty)])
            : ad.Names.Select(n => (Name: n, Match: regex.Match(n))).Where(m => m.Match.Success)
                .Select(m => KeyValuePair.Create(m.Name, keyword == "DELETE" ? string.Empty : AdTransform.Substitute(m.Match, newName ?? string.Empty))).ToList();
        foreach (var (from, to) in matched.OrderBy(m => m.Key, StringComparer.OrdinalIgnoreCase))
        {
            if (keyword != "DELETE" && !AdTransform.AttributeName().IsMatch(to))
            {
                Errors.Add(Message($"{keyword} {from} new name {to} is not valid"));
                continue;
            }

            var expr = ad.Lookup(from)!;
            if (keyword != "DELETE")
            {
                ad.Insert(to, ExprCopy(expr));
            }

            if (keyword != "COPY" && !from.Equals(to, StringComparison.OrdinalIgnoreCase))
            {
                ad.Remove(from);
            }
        }
    }

    private static Expr ExprCopy(Expr expr) => AdTransform.ParseOld(Unparser.UnparseOld(expr)) ?? expr;

    private (string Attribute, Regex? Regex, string After) FirstArgument(string keyword, string rest)
    {
        if (keyword is "COPY" or "RENAME" or "DELETE" && rest.StartsWith('/'))
        {
            var close = rest.IndexOf('/', 1);
            if (close < 0)
            {
                throw Fail("invalid regex");
            }

            var end = close + 1;
            while (end < rest.Length && !char.IsWhiteSpace(rest[end]))
            {
                end++;
            }

            try
            {
                return (rest[1..close], new Regex(rest[1..close], RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)), rest[end..]);
            }
            catch (ArgumentException e)
            {
                throw Fail($"invalid regex '{rest[1..close]}': {e.Message}");
            }
        }

        var space = rest.IndexOfAny([' ', '\t']);
        var token = space < 0 ? rest : rest[..space];
        var name = token.TrimEnd(',', '=');
        return (name, null, space < 0 ? string.Empty : rest[space..]);
    }

    private bool Condition(string condition, string keyword) =>
        ConditionEvaluator.Evaluate(condition, keyword, expander, Lookup, new Version(25, 0, 0));

    private void Check(string? problem)
    {
        if (problem is not null)
        {
            throw Fail(problem);
        }
    }

    // $(MY.attr) is the ad's attribute; other names are the rules' own macros, then the configuration.
    private string? Lookup(string name)
    {
        if (name.StartsWith("MY.", StringComparison.OrdinalIgnoreCase))
        {
            return ad.Lookup(name[3..]) switch
            {
                null => null,
                LiteralExpr { Value: { Kind: ValueKind.String } text } => text.AsString,
                var expr => Unparser.UnparseOld(expr),
            };
        }

        return macros.Lookup(name) ?? configuration(name);
    }

    private string Message(string detail) => $"{rules.Source}(line {line}): {detail}";

    private TransformException Fail(string detail) => new(rules.Source, line, detail);
}
