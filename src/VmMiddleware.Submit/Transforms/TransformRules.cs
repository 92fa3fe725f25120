using VmMiddleware.ClassAds;
using VmMiddleware.ClassAds.Syntax;

namespace VmMiddleware.Submit.Transforms;

/// <summary>The rules of one HTCondor ClassAd transform (a schedd's JOB_TRANSFORM_NAME, or a condor_transform_ads rules file), with its envelope statements taken out.</summary>
/// <remarks>
/// As MacroStreamXFormSource::open (condor_utils/xform_utils.cpp) does, NAME, REQUIREMENTS, UNIVERSE and TRANSFORM lines are
/// removed when the rules are read: REQUIREMENTS is parsed then (not macro-expanded) and decides whether the transform
/// applies (<see cref="Matches"/>). A TRANSFORM line that iterates (TRANSFORM n, or one with a list) is refused: this
/// evaluator applies a transform once. A line "KEYWORD = value" sets a macro, not a statement.
/// </remarks>
public sealed class TransformRules
{
    private TransformRules(string source, string? name, Expr? requirements, IReadOnlyList<SourceLine> statements)
    {
        Source = source;
        Name = name;
        Requirements = requirements;
        Statements = statements;
    }

    /// <summary>Gets the name error messages give the rules.</summary>
    public string Source { get; }

    /// <summary>Gets the NAME the rules give themselves, or null.</summary>
    public string? Name { get; }

    /// <summary>Gets the REQUIREMENTS expression, or null when the transform applies to every ad.</summary>
    public Expr? Requirements { get; }

    internal IReadOnlyList<SourceLine> Statements { get; }

    /// <summary>Reads transform rules from <paramref name="text"/>.</summary>
    /// <exception cref="TransformException">REQUIREMENTS does not parse, or TRANSFORM iterates; the message names the line.</exception>
    public static TransformRules Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrEmpty(source);
        var reader = new LineReader(text);
        var statements = new List<SourceLine>();
        string? name = null;
        Expr? requirements = null;
        while (reader.ReadStatement() is { } line)
        {
            if (Envelope(line.Text, "NAME") is { } givenName)
            {
                name = givenName.Length > 0 ? givenName : name;
            }
            else if (Envelope(line.Text, "REQUIREMENTS") is { } condition)
            {
                try
                {
                    requirements = ExpressionParser.Parse(condition);
                }
                catch (ClassAdParseException e)
                {
                    throw new TransformException(source, line.Line, $"invalid REQUIREMENTS : {condition} (column {e.Column}: {e.Problem})");
                }
            }
            else if (Envelope(line.Text, "UNIVERSE") is not null)
            {
                continue; // the job router's target universe; a schedd transform ignores it
            }
            else if (Envelope(line.Text, "TRANSFORM") is { } iterate)
            {
                if (iterate.Length > 0 && iterate != "1")
                {
                    throw new TransformException(source, line.Line, $"TRANSFORM {iterate}: iterating transforms are not supported by this evaluator; expected a bare TRANSFORM");
                }
            }
            else
            {
                statements.Add(line);
            }
        }

        return new TransformRules(source, name, requirements, statements);
    }

    /// <summary>Returns whether the transform applies to <paramref name="ad"/>: no REQUIREMENTS, or REQUIREMENTS true or a non-zero number (anything else, UNDEFINED and ERROR too, is false, as MacroStreamXFormSource::matches reads it).</summary>
    public bool Matches(ClassAd ad)
    {
        ArgumentNullException.ThrowIfNull(ad);
        return Requirements is null || (ad.Evaluate(Requirements).TryGetTruth(out var truth) && truth);
    }

    /// <summary>Returns the arguments of <paramref name="keyword"/> when the line is that statement ("KEYWORD args", not "KEYWORD = value"), else null.</summary>
    internal static string? Envelope(string line, string keyword)
    {
        var text = line.TrimStart();
        if (text.Length <= keyword.Length || !text.StartsWith(keyword, StringComparison.OrdinalIgnoreCase) || !char.IsWhiteSpace(text[keyword.Length]))
        {
            return text.Equals(keyword, StringComparison.OrdinalIgnoreCase) ? string.Empty : null;
        }

        var rest = text[keyword.Length..].TrimStart();
        return rest.StartsWith('=') || rest.StartsWith(':') ? null : rest.TrimEnd();
    }
}
