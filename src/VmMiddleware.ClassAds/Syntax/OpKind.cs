namespace VmMiddleware.ClassAds.Syntax;

/// <summary>The operators of the ClassAd language, in HTCondor's order.</summary>
public enum OpKind : byte
{
    /// <summary>Less than.</summary>
    LessThan,

    /// <summary>Less than or equal.</summary>
    LessOrEqual,

    /// <summary>Not equal (case-insensitive on strings).</summary>
    NotEqual,

    /// <summary>Equal (case-insensitive on strings).</summary>
    Equal,

    /// <summary>Greater than or equal.</summary>
    GreaterOrEqual,

    /// <summary>Greater than.</summary>
    GreaterThan,

    /// <summary>The meta-equal operator (<c>is</c>, <c>=?=</c>).</summary>
    MetaEqual,

    /// <summary>The meta-not-equal operator (<c>isnt</c>, <c>=!=</c>).</summary>
    MetaNotEqual,

    /// <summary>Unary plus.</summary>
    UnaryPlus,

    /// <summary>Unary minus.</summary>
    UnaryMinus,

    /// <summary>Addition.</summary>
    Add,

    /// <summary>Subtraction.</summary>
    Subtract,

    /// <summary>Multiplication.</summary>
    Multiply,

    /// <summary>Division.</summary>
    Divide,

    /// <summary>Remainder.</summary>
    Modulus,

    /// <summary>Logical not.</summary>
    LogicalNot,

    /// <summary>Logical or (non-strict).</summary>
    LogicalOr,

    /// <summary>Logical and (non-strict).</summary>
    LogicalAnd,

    /// <summary>Bitwise not.</summary>
    BitwiseNot,

    /// <summary>Bitwise or.</summary>
    BitwiseOr,

    /// <summary>Bitwise exclusive or.</summary>
    BitwiseXor,

    /// <summary>Bitwise and.</summary>
    BitwiseAnd,

    /// <summary>Left shift.</summary>
    LeftShift,

    /// <summary>Arithmetic right shift.</summary>
    RightShift,

    /// <summary>Logical (unsigned) right shift.</summary>
    UnsignedRightShift,

    /// <summary>Explicit parentheses, kept so that printing reproduces them.</summary>
    Parentheses,

    /// <summary>Subscript <c>a[i]</c>.</summary>
    Subscript,

    /// <summary>The conditional <c>a ? b : c</c>, or the elvis form <c>a ?: c</c> when the middle operand is absent.</summary>
    Ternary,
}
