using System.Diagnostics.CodeAnalysis;

namespace VmMiddleware.ClassAds.Syntax;

/// <summary>The public entry point for parsing one ClassAd expression.</summary>
public static class ExpressionParser
{
    /// <summary>Parses a whole expression; throws <see cref="ClassAdParseException"/> with line and column when it does
    /// not parse. An <c>absTime("...")</c> without a zone is read in <paramref name="clock"/>'s local zone (the system's
    /// when null), as HTCondor folds it when parsing.</summary>
    public static Expr Parse(string text, string? source = null, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Parser.ParseExpression(text, source, clock);
    }

    /// <summary>Parses a whole expression without throwing: on failure <paramref name="error"/> is the text a
    /// <see cref="ClassAdParseException"/> would carry (line, column and problem) and <paramref name="expr"/> is null.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out Expr? expr, [NotNullWhen(false)] out string? error, string? source = null, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Parser.TryParseExpression(text, out expr, out var failure, clock))
        {
            error = null;
            return true;
        }

        error = failure.Message(source);
        return false;
    }
}
