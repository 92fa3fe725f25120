using VmMiddleware.ClassAds.Syntax;
using VmMiddleware.ClassAds.Values;

namespace VmMiddleware.ClassAds.Printing;

/// <summary>Prints values, expressions and ads exactly as HTCondor's ClassAdUnParser does, in new or old syntax.</summary>
public static partial class Unparser
{
    /// <summary>Prints a value in new syntax.</summary>
    public static string Unparse(Value value)
    {
        var w = new Writer(oldSyntax: false, 64);
        w.Value(value);
        return w.Finish();
    }

    /// <summary>Prints a value in new syntax straight to <paramref name="output"/>, without making a string of it.</summary>
    public static void Unparse(Value value, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var w = new Writer(oldSyntax: false, 64);
        w.Value(value);
        w.FinishTo(output);
    }

    /// <summary>Prints an expression in new syntax.</summary>
    public static string Unparse(Expr expr)
    {
        var w = new Writer(oldSyntax: false, 256);
        w.Expr(expr);
        return w.Finish();
    }

    /// <summary>Prints an expression in old syntax (as the right-hand side of an old ClassAd line).</summary>
    public static string UnparseOld(Expr expr)
    {
        var w = new Writer(oldSyntax: true, 256) { InValue = true };
        w.Expr(expr);
        return w.Finish();
    }

    /// <summary>Prints an ad in new syntax: <c>[ a = 1; b = 2 ]</c>.</summary>
    public static string Unparse(ClassAd ad)
    {
        ArgumentNullException.ThrowIfNull(ad);
        var w = new Writer(oldSyntax: false, ad.Count * 40);
        w.Ad(ad);
        return w.Finish();
    }

    /// <summary>Prints an ad in old syntax: one <c>name = expr</c> line per attribute, each ending in a newline.</summary>
    public static string UnparseOld(ClassAd ad)
    {
        ArgumentNullException.ThrowIfNull(ad);
        var w = new Writer(oldSyntax: true, ad.Count * 40);
        w.Lines(ad);
        return w.Finish();
    }

    /// <summary>Returns whether an attribute name must be printed in single quotes (not a plain identifier, or a reserved word).</summary>
    internal static bool NeedsQuoting(string name) => !ClassAd.IsIdentifier(name) || Writer.IsReserved(name);

    /// <summary>Prints an attribute name, quoting it with single quotes when it is not a plain identifier.</summary>
    public static string AttributeName(string name)
    {
        // A null name has always printed as '' (an empty quoted name); keep that rather than start throwing.
        name ??= string.Empty;
        if (!NeedsQuoting(name))
        {
            return name;
        }

        var w = new Writer(oldSyntax: false, name.Length + 8);
        w.Quoted(name, '\'', oldSyntax: false);
        return w.Finish();
    }
}
