using VmMiddleware.ClassAds.Values;

namespace VmMiddleware.ClassAds.Syntax;

/// <summary>A node of a parsed ClassAd expression; nodes hold data only and are evaluated and printed by visitors.</summary>
public abstract record Expr
{
    /// <summary>Makes a literal expression holding a value.</summary>
    public static LiteralExpr FromValue(Value value) => new(value);

    /// <summary>Prints the expression as HTCondor's unparser does (new ClassAd syntax).</summary>
    public sealed override string ToString() => Printing.Unparser.Unparse(this);
}
