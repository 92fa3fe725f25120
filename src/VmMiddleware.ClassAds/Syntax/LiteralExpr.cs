using VmMiddleware.ClassAds.Values;

namespace VmMiddleware.ClassAds.Syntax;

/// <summary>A literal value, with the unit suffix (K, M, G, T, B) it was written with, if any.</summary>
public sealed record LiteralExpr(Value Value, char Factor = '\0') : Expr
{
    /// <summary>Gets the value.</summary>
    public Value Value
    {
        get;

        // A copy made with another value must not inherit the parse-time hint about the old one.
        init
        {
            field = value;
            IsPlainString = false;
        }
    } = Value;

    /// <summary>Gets a value indicating whether the lexer found this string literal free of characters that printing escapes.</summary>
    /// <remarks>A parse-time hint (it fits in the object's padding), so it is left out of equality.</remarks>
    internal bool IsPlainString { get; private init; }

    /// <summary>Returns whether both literals hold the same value written with the same unit suffix.</summary>
    public bool Equals(LiteralExpr? other) =>
        other is not null && (ReferenceEquals(this, other) || (EqualityComparer<Value>.Default.Equals(Value, other.Value) && Factor == other.Factor));

    /// <summary>Returns a hash of the value and unit suffix.</summary>
    public override int GetHashCode() => HashCode.Combine(EqualityComparer<Value>.Default.GetHashCode(Value), Factor);

    /// <summary>The factor that marks HTCondor's relTime("...") literal: it prints as a relative time and evaluates to a real.</summary>
    internal const char RelTimeFactor = 'r';

    /// <summary>Makes a string literal, remembering whether the lexer saw that it prints without escapes.</summary>
    internal static LiteralExpr FromString(string text, bool plain) => new(Value.FromString(text)) { IsPlainString = plain };
}
