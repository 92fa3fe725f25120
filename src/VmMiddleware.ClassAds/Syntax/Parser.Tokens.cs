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

    /// <summary>Escapes the control characters of a message, which can quote names and strings whose escapes the lexer
    /// decoded (<c>'a\nb'</c>), so that it stays one line: <c>\n</c>, <c>\r</c>, <c>\t</c>, others as three octal digits.</summary>
    internal static string OneLine(string message)
    {
        if (message.AsSpan().IndexOfAnyInRange('\0', '\u001f') < 0 && !message.Contains('\u007f', StringComparison.Ordinal))
        {
            return message;
        }

        var sb = new System.Text.StringBuilder(message.Length + 8);
        foreach (var c in message)
        {
            switch (c)
            {
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case < ' ' or '\u007f': sb.Append('\\').Append((char)('0' + (c >> 6))).Append((char)('0' + ((c >> 3) & 7))).Append((char)('0' + (c & 7))); break;
                default: sb.Append(c); break;
            }
        }

        return sb.ToString();
    }

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
