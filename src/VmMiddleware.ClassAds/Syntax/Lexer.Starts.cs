namespace VmMiddleware.ClassAds.Syntax;

/// <summary>What each ASCII code unit starts, so that the lexer dispatches on one table lookup.</summary>
internal partial struct Lexer
{
    // Values below FirstClass are the TokenKind of a token of that one character (Other, 0, is end of input's kind and
    // never such a token: it sends the character to Punctuation, which reads operators and reports stray characters).
    private const byte Other = 0;
    private const byte FirstClass = 100;
    private const byte Space = 100; // white space, or '/' that may open a comment
    private const byte Digit = 101; // a digit or '.': a number, or '.' alone
    private const byte Letter = 102;
    private const byte Quote = 103;
    private const byte Dash = 104;
    private const byte Nul = 105;

    private static ReadOnlySpan<byte> Starts =>
    [
        Nul, Other, Other, Other, Other, Other, Other, Other, // 0x00-0x07
        Other, Space, Space, Space, Space, Space, Other, Other, // 0x08-0x0F
        Other, Other, Other, Other, Other, Other, Other, Other, // 0x10-0x17
        Other, Other, Other, Other, Other, Other, Other, Other, // 0x18-0x1F
        Space, Other, Quote, Other, Other, (byte)TokenKind.Modulus, Other, Quote, // 0x20-0x27
        (byte)TokenKind.OpenParen, (byte)TokenKind.CloseParen, (byte)TokenKind.Multiply, (byte)TokenKind.Plus, (byte)TokenKind.Comma, Dash, Digit, Space, // 0x28-0x2F
        Digit, Digit, Digit, Digit, Digit, Digit, Digit, Digit, // 0x30-0x37
        Digit, Digit, (byte)TokenKind.Colon, (byte)TokenKind.Semicolon, Other, Other, Other, Other, // 0x38-0x3F
        Other, Letter, Letter, Letter, Letter, Letter, Letter, Letter, // 0x40-0x47
        Letter, Letter, Letter, Letter, Letter, Letter, Letter, Letter, // 0x48-0x4F
        Letter, Letter, Letter, Letter, Letter, Letter, Letter, Letter, // 0x50-0x57
        Letter, Letter, Letter, (byte)TokenKind.OpenBox, Other, (byte)TokenKind.CloseBox, (byte)TokenKind.BitwiseXor, Letter, // 0x58-0x5F
        Other, Letter, Letter, Letter, Letter, Letter, Letter, Letter, // 0x60-0x67
        Letter, Letter, Letter, Letter, Letter, Letter, Letter, Letter, // 0x68-0x6F
        Letter, Letter, Letter, Letter, Letter, Letter, Letter, Letter, // 0x70-0x77
        Letter, Letter, Letter, (byte)TokenKind.OpenBrace, Other, (byte)TokenKind.CloseBrace, (byte)TokenKind.BitwiseNot, Other, // 0x78-0x7F
    ];
}
