using Sprache;

namespace VmMiddleware.Translation.Rsl;

/// <summary>Reads RSL text into an <see cref="RslRequest"/>, refusing with a positioned message what the GRAM5 job manager does not run.</summary>
/// <remarks>Accepted: a top-level &amp; with relations (attribute = value ...), comments, the quoting forms "..." ('""' inside),
/// '...' ("''" inside) and ^X...X, unquoted literals, sequences, $(VAR) and # concatenation. Parsed but refused: the
/// operators != &lt; &lt;= &gt; &gt;=, multi-requests (+), alternatives (|) and nested requests. Repeated attributes are kept
/// in order; <see cref="RslRequest.Find"/> returns the last, which is the one the job manager uses.</remarks>
public static class RslParser
{
    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <param name="text">The RSL text.</param>
    /// <param name="sourceName">The file name messages give the text, or null.</param>
    /// <returns>The request.</returns>
    /// <exception cref="RslParseException">The text is not RSL, or uses a form GRAM5 refuses.</exception>
    public static RslRequest Parse(string text, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = RslGrammar.Document.TryParse(text);
        if (!result.WasSuccessful)
        {
            var at = result.Remainder;
            var expected = result.Expectations.Distinct().ToList();
            var detail = "unexpected " + RslGrammar.Describe(at)
                + (expected.Count > 0 ? ", expected " + string.Join(" or ", expected) : string.Empty);
            if (result.Message.StartsWith("the comment", StringComparison.Ordinal))
            {
                detail = result.Message + ", expected " + string.Join(" or ", expected);
            }

            throw new RslParseException(sourceName, at.Line, at.Column, detail);
        }

        var spec = result.Value;
        return spec.Operator switch
        {
            '+' => throw Refuse(sourceName, spec.At, "multi-requests ('+') are not supported by a GRAM5 job manager; submit each request on its own, expected '&'"),
            '|' => throw Refuse(sourceName, spec.At, "alternatives ('|') are not supported by a GRAM5 job manager; expected '&'"),
            _ => new RslRequest(spec.Items.Select(item => ToRelation(item, sourceName))),
        };
    }

    private static RslRelation ToRelation(RslSyntaxItem item, string? sourceName) => item switch
    {
        RslRelationSyntax { Operator: "=" } relation => new RslRelation(relation.Attribute, relation.Values),
        RslRelationSyntax relation => throw Refuse(
            sourceName, relation.At, $"the operator '{relation.Operator}' is not supported by a GRAM5 job manager; expected '=' after '{relation.Attribute}'"),
        _ => throw Refuse(sourceName, item.At, "nested requests are not supported by a GRAM5 job manager; expected a relation (attribute = value)"),
    };

    private static RslParseException Refuse(string? sourceName, Position at, string detail) => new(sourceName, at.Line, at.Column, detail);
}
