namespace VmMiddleware.ClassAds.Syntax;

/// <summary>One token with its source position and, for literals and identifiers, its value.</summary>
/// <remarks>Kept to 32 bytes (the parser copies tokens on every step): numbers share one 64-bit slot and the text, error
/// message or interned name share one reference slot.</remarks>
internal readonly struct Token
{
    private readonly long _bits;
    private readonly object? _ref;

    private Token(TokenKind kind, int offset, int line, int column, long bits, object? reference, char factor)
    {
        Kind = kind;
        Factor = factor;
        Offset = offset;
        Line = line;
        Column = column;
        _bits = bits;
        _ref = reference;
    }

    public TokenKind Kind { get; }

    /// <summary>Gets the unit suffix of a number literal (B, K, M, G, T), or NUL.</summary>
    public char Factor { get; }

    public int Offset { get; }

    public int Line { get; }

    public int Column { get; }

    /// <summary>Gets the text of a string literal or name (null for other tokens).</summary>
    public string? Text => Kind == TokenKind.TokenError ? null : _ref is NameInfo n ? n.Name : (string?)_ref;

    /// <summary>Gets the value of an integer literal (1 or 0 for a boolean).</summary>
    public long Integer => Kind == TokenKind.RealValue ? 0 : _bits;

    /// <summary>Gets the value of a real literal.</summary>
    public double Real => Kind == TokenKind.RealValue ? BitConverter.Int64BitsToDouble(_bits) : 0;

    /// <summary>Gets the problem a TokenError token reports.</summary>
    public string? Error => Kind == TokenKind.TokenError ? (string?)_ref : null;

    /// <summary>Gets a value indicating whether a string literal's text has no character that printing must escape.</summary>
    public bool IsPlain => Kind == TokenKind.StringValue && _bits != 0;

    /// <summary>Gets the interned name of an unquoted identifier.</summary>
    public NameInfo? Name => _ref as NameInfo;

    public static Token Simple(TokenKind kind, int offset, int line, int column) => new(kind, offset, line, column, 0, null, '\0');

    public static Token WithText(TokenKind kind, int offset, int line, int column, string text, bool plain = false) =>
        new(kind, offset, line, column, plain ? 1 : 0, text, '\0');

    public static Token Identifier(int offset, int line, int column, NameInfo name) =>
        new(TokenKind.Identifier, offset, line, column, 0, name, '\0');

    public static Token Boolean(int offset, int line, int column, bool value) =>
        new(TokenKind.BooleanValue, offset, line, column, value ? 1 : 0, null, '\0');

    public static Token IntegerLiteral(int offset, int line, int column, long value, char factor) =>
        new(TokenKind.IntegerValue, offset, line, column, value, null, factor);

    public static Token RealLiteral(int offset, int line, int column, double value, char factor) =>
        new(TokenKind.RealValue, offset, line, column, BitConverter.DoubleToInt64Bits(value), null, factor);

    public static Token Failure(int offset, int line, int column, string message) =>
        new(TokenKind.TokenError, offset, line, column, 0, message, '\0');
}
