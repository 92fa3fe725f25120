using System.Globalization;
using System.Text;

namespace VmMiddleware.ClassAds.Syntax;

/// <summary>Turns ClassAd source text into tokens, following HTCondor's lexer (number forms, unit factors, adjacent string concatenation).</summary>
internal sealed partial class Lexer
{
    private readonly string _text;
    private readonly int _end;
    private int _pos;
    private int _line = 1;
    private int _lineStart;
    private TokenKind _previous = TokenKind.EndOfInput;

    public Lexer(string text, int start = 0, bool oldSyntax = false, int end = -1, int lineStart = 0)
    {
        _text = text;
        _pos = start;
        _end = end < 0 ? text.Length : end;
        _lineStart = lineStart;
        OldSyntax = oldSyntax;
    }

    /// <summary>Gets a value indicating whether strings follow old ClassAd escaping (backslash only escapes a quote).</summary>
    public bool OldSyntax { get; }

    public int Position => _pos;

    public Token Next()
    {
        var token = Scan();
        _previous = token.Kind;
        return token;
    }

    private Token Scan()
    {
        if (!SkipSpaceAndComments(out var commentError))
        {
            return commentError;
        }

        if (_pos >= _end || _text[_pos] == '\0')
        {
            return Make(TokenKind.EndOfInput, _pos);
        }

        var c = _text[_pos];
        if (c == '-')
        {
            return _previous switch
            {
                TokenKind.IntegerValue or TokenKind.RealValue or TokenKind.BooleanValue or TokenKind.StringValue
                    or TokenKind.UndefinedValue or TokenKind.ErrorValue or TokenKind.Identifier or TokenKind.Selection
                    or TokenKind.CloseBox or TokenKind.CloseParen or TokenKind.CloseBrace => Punctuation(),
                _ => Number(),
            };
        }

        if (IsDigit(c) || c == '.')
        {
            return Number();
        }

        if (IsAlpha(c) || c == '_')
        {
            return Word();
        }

        if (c == '"' || c == '\'')
        {
            return QuotedString(c);
        }

        return Punctuation();
    }

    private bool SkipSpaceAndComments(out Token error)
    {
        error = default;
        while (_pos < _end)
        {
            var c = _text[_pos];
            if (c == '\n')
            {
                _pos++;
                _line++;
                _lineStart = _pos;
            }
            else if (c is ' ' or '\t' or '\r' or '\f' or '\v')
            {
                _pos++;
            }
            else if (c == '/' && _pos + 1 < _end && _text[_pos + 1] == '/')
            {
                while (_pos < _end && _text[_pos] != '\n')
                {
                    _pos++;
                }
            }
            else if (c == '/' && _pos + 1 < _end && _text[_pos + 1] == '*')
            {
                var start = _pos;
                var end = _pos + 2 > _end ? -1 : _text.IndexOf("*/", _pos + 2, _end - (_pos + 2), StringComparison.Ordinal);
                if (end < 0)
                {
                    error = Fail(start, "unterminated comment: expected */");
                    _pos = _end;
                    return false;
                }

                Advance(end + 2);
            }
            else
            {
                break;
            }
        }

        return true;
    }

    private void Advance(int to)
    {
        to = Math.Min(to, _end);
        for (; _pos < to; _pos++)
        {
            if (_text[_pos] == '\n')
            {
                _line++;
                _lineStart = _pos + 1;
            }
        }
    }

    private Token Make(TokenKind kind, int start, string? text = null) =>
        new(kind, start, _line, start - _lineStart + 1, text);

    private Token Fail(int start, string message) =>
        new(TokenKind.TokenError, start, _line, start - _lineStart + 1, Error: message);

    private Token Word()
    {
        var start = _pos;
        while (_pos < _end && (IsAlpha(_text[_pos]) || IsDigit(_text[_pos]) || _text[_pos] == '_'))
        {
            _pos++;
        }

        var span = _text.AsSpan(start, _pos - start);
        if (span.Length <= 9)
        {
            if (span.Equals("true", StringComparison.OrdinalIgnoreCase))
            {
                return Make(TokenKind.BooleanValue, start) with { Integer = 1 };
            }

            if (span.Equals("false", StringComparison.OrdinalIgnoreCase))
            {
                return Make(TokenKind.BooleanValue, start);
            }

            if (span.Equals("undefined", StringComparison.OrdinalIgnoreCase))
            {
                return Make(TokenKind.UndefinedValue, start);
            }

            if (span.Equals("error", StringComparison.OrdinalIgnoreCase))
            {
                return Make(TokenKind.ErrorValue, start);
            }

            if (span.Equals("is", StringComparison.OrdinalIgnoreCase))
            {
                return Make(TokenKind.MetaEqual, start);
            }

            if (span.Equals("isnt", StringComparison.OrdinalIgnoreCase))
            {
                return Make(TokenKind.MetaNotEqual, start);
            }
        }

        var info = NameTable.Intern(span);
        return Make(TokenKind.Identifier, start, info.Name) with { Name = info };
    }

    private Token Number()
    {
        var start = _pos;
        var isReal = false;
        var p = _pos;
        if (_text[p] == '-')
        {
            p++;
            var digitNext = p < _end && IsDigit(_text[p]);
            var dotDigit = p + 1 < _end && _text[p] == '.' && IsDigit(_text[p + 1]);
            if (!digitNext && !dotDigit)
            {
                _pos = p;
                return Make(TokenKind.Minus, start);
            }
        }

        var digitsStart = p;
        var isHex = false;
        if (p < _end && _text[p] == '0' && p + 1 < _end && (_text[p + 1] is 'x' or 'X'))
        {
            isHex = true;
            p += 2;
            if (p >= _end || !char.IsAsciiHexDigit(_text[p]))
            {
                _pos = p;
                return Fail(start, "malformed hexadecimal number: expected a hex digit after 0x");
            }

            while (p < _end && char.IsAsciiHexDigit(_text[p]))
            {
                p++;
            }
        }
        else
        {
            while (p < _end && IsDigit(_text[p]))
            {
                p++;
            }

            var hadDigits = p > digitsStart;
            if (p < _end && _text[p] == '.')
            {
                if (p + 1 < _end && IsDigit(_text[p + 1]))
                {
                    isReal = true;
                    p++;
                    while (p < _end && IsDigit(_text[p]))
                    {
                        p++;
                    }
                }
                else if (!hadDigits)
                {
                    _pos = p + 1;
                    return Make(TokenKind.Selection, start);
                }
                else
                {
                    _pos = p + 1;
                    return Fail(start, "malformed number: expected a digit after the decimal point");
                }
            }

            if (hadDigits || isReal)
            {
                if (p < _end && (_text[p] is 'e' or 'E'))
                {
                    isReal = true;
                    p++;
                    if (p < _end && (_text[p] is '+' or '-'))
                    {
                        p++;
                    }

                    if (p >= _end || !IsDigit(_text[p]))
                    {
                        _pos = p;
                        return Fail(start, "malformed number: expected digits in the exponent");
                    }

                    while (p < _end && IsDigit(_text[p]))
                    {
                        p++;
                    }
                }
            }
        }

        var literal = _text.AsSpan(start, p - start);
        var factor = '\0';
        if (p < _end)
        {
            var f = char.ToUpperInvariant(_text[p]);
            if (f is 'B' or 'K' or 'M' or 'G' or 'T')
            {
                factor = f;
                p++;
            }
        }

        _pos = p;
        if (isReal)
        {
            var real = double.Parse(literal, NumberStyles.Float, CultureInfo.InvariantCulture);
            return Make(TokenKind.RealValue, start) with { Real = real, Factor = factor };
        }

        if (!TryParseInteger(literal, isHex, OldSyntax, out var value, out var problem))
        {
            return Fail(start, problem);
        }

        return Make(TokenKind.IntegerValue, start) with { Integer = value, Factor = factor };
    }

    private static bool TryParseInteger(ReadOnlySpan<char> literal, bool isHex, bool decimalOnly, out long value, out string problem)
    {
        problem = string.Empty;
        var negative = literal[0] == '-';
        var digits = negative ? literal[1..] : literal;
        UInt128 magnitude = 0;
        var radix = isHex ? 16 : (!decimalOnly && digits.Length > 1 && digits[0] == '0') ? 8 : 10;
        if (isHex)
        {
            digits = digits[2..];
        }

        foreach (var ch in digits)
        {
            var d = ch <= '9' ? ch - '0' : (char.ToLowerInvariant(ch) - 'a' + 10);
            if (d >= radix)
            {
                value = 0;
                problem = "malformed octal number: digit " + ch + " is not octal";
                return false;
            }

            if (magnitude <= (UInt128)ulong.MaxValue)
            {
                magnitude = (magnitude * (uint)radix) + (uint)d;
            }
        }

        // Like strtoll, values beyond the 64-bit range saturate.
        if (negative)
        {
            value = magnitude > (UInt128)long.MaxValue + 1 ? long.MinValue : (long)(0 - (ulong)magnitude);
        }
        else
        {
            value = magnitude > long.MaxValue ? long.MaxValue : (long)magnitude;
        }

        return true;
    }

    private Token QuotedString(char delimiter)
    {
        var start = _pos;
        var line = _line;
        var column = start - _lineStart + 1;
        var sb = new StringBuilder();
        var p = _pos;
        while (true)
        {
            p++;
            var segStart = p;
            while (true)
            {
                if (p >= _end || _text[p] == '\0')
                {
                    Advance(p);
                    return new Token(TokenKind.TokenError, start, line, column, Error: "unterminated string: expected closing " + delimiter);
                }

                var ch = _text[p];
                if (ch == delimiter)
                {
                    if (OldSyntax && p > segStart && _text[p - 1] == '\\' && p + 1 < _end && _text[p + 1] != '\n')
                    {
                        p++;
                        continue;
                    }

                    break;
                }

                if (ch == '\\' && !OldSyntax)
                {
                    p += 2;
                    continue;
                }

                p++;
            }

            sb.Append(_text, segStart, p - segStart);
            p++;

            // Adjacent string literals separated only by white space are concatenated.
            var q = p;
            while (q < _end && char.IsWhiteSpace(_text[q]))
            {
                q++;
            }

            if (q < _end && _text[q] == delimiter)
            {
                p = q;
                continue;
            }

            break;
        }

        Advance(p);
        var raw = sb.ToString();
        string text;
        if (OldSyntax)
        {
            text = raw.Replace("\\" + delimiter, delimiter.ToString(), StringComparison.Ordinal);
        }
        else if (!Escapes.TryUnescape(raw, out text))
        {
            return new Token(TokenKind.TokenError, start, line, column, Error: "invalid string: an escape produces a NUL character");
        }

        return new Token(delimiter == '"' ? TokenKind.StringValue : TokenKind.Identifier, start, line, column, text);
    }

    private Token Punctuation()
    {
        var start = _pos;
        var c = _text[_pos++];
        var next = _pos < _end ? _text[_pos] : '\0';
        TokenKind kind;
        switch (c)
        {
            case '.': kind = TokenKind.Selection; break;
            case '*': kind = TokenKind.Multiply; break;
            case '/': kind = TokenKind.Divide; break;
            case '%': kind = TokenKind.Modulus; break;
            case '+': kind = TokenKind.Plus; break;
            case '-': kind = TokenKind.Minus; break;
            case '~': kind = TokenKind.BitwiseNot; break;
            case '^': kind = TokenKind.BitwiseXor; break;
            case '?': kind = TokenKind.QMark; break;
            case ':': kind = TokenKind.Colon; break;
            case ';': kind = TokenKind.Semicolon; break;
            case ',': kind = TokenKind.Comma; break;
            case '[': kind = TokenKind.OpenBox; break;
            case ']': kind = TokenKind.CloseBox; break;
            case '(': kind = TokenKind.OpenParen; break;
            case ')': kind = TokenKind.CloseParen; break;
            case '{': kind = TokenKind.OpenBrace; break;
            case '}': kind = TokenKind.CloseBrace; break;
            case '&': kind = Take('&', TokenKind.LogicalAnd, TokenKind.BitwiseAnd, next); break;
            case '|': kind = Take('|', TokenKind.LogicalOr, TokenKind.BitwiseOr, next); break;
            case '!': kind = Take('=', TokenKind.NotEqual, TokenKind.LogicalNot, next); break;
            case '<':
                kind = next == '=' ? TokenKind.LessOrEqual : next == '<' ? TokenKind.LeftShift : TokenKind.LessThan;
                if (kind != TokenKind.LessThan)
                {
                    _pos++;
                }

                break;
            case '>':
                kind = TokenKind.GreaterThan;
                if (next == '=')
                {
                    kind = TokenKind.GreaterOrEqual;
                    _pos++;
                }
                else if (next == '>')
                {
                    _pos++;
                    kind = TokenKind.RightShift;
                    if (_pos < _end && _text[_pos] == '>')
                    {
                        _pos++;
                        kind = TokenKind.URightShift;
                    }
                }

                break;
            case '=':
                kind = TokenKind.BoundTo;
                if (next == '=')
                {
                    kind = TokenKind.Equal;
                    _pos++;
                }
                else if (next == '?')
                {
                    if (_pos + 1 < _end && _text[_pos + 1] == '=')
                    {
                        _pos += 2;
                        kind = TokenKind.MetaEqual;
                    }
                    else
                    {
                        return Fail(start, "malformed operator: expected =?=");
                    }
                }
                else if (next == '!' && _pos + 1 < _end && _text[_pos + 1] == '=')
                {
                    _pos += 2;
                    kind = TokenKind.MetaNotEqual;
                }

                break;
            default:
                return Fail(start, "unexpected character '" + c + "'");
        }

        return Make(kind, start);
    }

    private TokenKind Take(char second, TokenKind two, TokenKind one, char next)
    {
        if (next == second)
        {
            _pos++;
            return two;
        }

        return one;
    }

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    private static bool IsAlpha(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z');
}
