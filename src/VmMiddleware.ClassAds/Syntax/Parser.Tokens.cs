namespace VmMiddleware.ClassAds.Syntax;

/// <summary>How tokens are named in parse errors.</summary>
internal sealed partial class Parser
{
    internal static string Describe(Token token) => token.Kind switch
    {
        TokenKind.EndOfInput => "end of input",
        TokenKind.IntegerValue => "number " + token.Integer,
        TokenKind.RealValue => "number",
        // Printed escaped, as a literal: a decoded "\n" would split `classad eval`'s one-line answer in two.
        TokenKind.StringValue => "string " + Printing.Unparser.Unparse(Values.Value.FromString(token.Text ?? string.Empty)),
        TokenKind.Identifier => "name '" + OneLine(token.Text ?? string.Empty) + "'",
        TokenKind.BooleanValue => token.Integer != 0 ? "'true'" : "'false'",
        TokenKind.UndefinedValue => "'undefined'",
        TokenKind.ErrorValue => "'error'",
        _ => "'" + Spelling(token.Kind) + "'",
    };

    // A quoted name may hold control characters: print them as escapes so the message stays on one line.
    private static string OneLine(string name) =>
        name.AsSpan().IndexOfAnyInRange('\0', '\x1f') < 0 ? name : Printing.Unparser.Unparse(Values.Value.FromString(name))[1..^1];

    private static string Spelling(TokenKind kind) => kind switch
    {
        TokenKind.Selection => ".",
        TokenKind.Multiply => "*",
        TokenKind.Divide => "/",
        TokenKind.Modulus => "%",
        TokenKind.Plus => "+",
        TokenKind.Minus => "-",
        TokenKind.BitwiseAnd => "&",
        TokenKind.BitwiseOr => "|",
        TokenKind.BitwiseNot => "~",
        TokenKind.BitwiseXor => "^",
        TokenKind.LeftShift => "<<",
        TokenKind.RightShift => ">>",
        TokenKind.URightShift => ">>>",
        TokenKind.LogicalAnd => "&&",
        TokenKind.LogicalOr => "||",
        TokenKind.LogicalNot => "!",
        TokenKind.LessThan => "<",
        TokenKind.LessOrEqual => "<=",
        TokenKind.GreaterThan => ">",
        TokenKind.GreaterOrEqual => ">=",
        TokenKind.Equal => "==",
        TokenKind.NotEqual => "!=",
        TokenKind.MetaEqual => "=?=",
        TokenKind.MetaNotEqual => "=!=",
        TokenKind.BoundTo => "=",
        TokenKind.QMark => "?",
        TokenKind.Colon => ":",
        TokenKind.Semicolon => ";",
        TokenKind.Comma => ",",
        TokenKind.OpenBox => "[",
        TokenKind.CloseBox => "]",
        TokenKind.OpenParen => "(",
        TokenKind.CloseParen => ")",
        TokenKind.OpenBrace => "{",
        TokenKind.CloseBrace => "}",
        TokenKind.Elvis => "?:",
        _ => kind.ToString(),
    };
}
