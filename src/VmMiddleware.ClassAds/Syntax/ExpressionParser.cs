namespace VmMiddleware.ClassAds.Syntax;

/// <summary>The public entry point for parsing one ClassAd expression.</summary>
public static class ExpressionParser
{
    /// <summary>Parses a whole expression; throws <see cref="ClassAdParseException"/> with line and column when it does not parse.</summary>
    public static Expr Parse(string text, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Parser.ParseExpression(text, source);
    }
}
