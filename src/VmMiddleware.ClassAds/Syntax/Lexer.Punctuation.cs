namespace VmMiddleware.ClassAds.Syntax;

/// <summary>Operators and punctuation.</summary>
internal partial struct Lexer
{
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
            case '?': kind = QuestionMark(); break;
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

    // HTCondor's lexer reads '?' followed (after any white space) by ':' as one token, the elvis operator.
    private TokenKind QuestionMark()
    {
        var p = _pos;
        while (p < _end && char.IsWhiteSpace(_text[p]))
        {
            p++;
        }

        if (p < _end && _text[p] == ':')
        {
            _pos = p + 1;
            return TokenKind.Elvis;
        }

        return TokenKind.QMark;
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
}
