namespace VmMiddleware.ClassAds.Syntax;

/// <summary>Turns ClassAd source text into tokens, following HTCondor's lexer (number forms, unit factors, adjacent string concatenation).</summary>
/// <remarks>A struct held inside the parser: one allocation less per parse and no indirection per token.</remarks>
internal partial struct Lexer
{
    private readonly string _text;
    private int _end;
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

    /// <summary>Restarts lexing over [<paramref name="start"/>, <paramref name="end"/>) of the same text, on line 1.</summary>
    public void Reset(int start, int end, int lineStart)
    {
        _pos = start;
        _end = end;
        _line = 1;
        _lineStart = lineStart;
        _previous = TokenKind.EndOfInput;
    }

    /// <summary>Drops the rest of the input: every later token is end of input.</summary>
    public void Stop() => _pos = _end;

    public Token Next()
    {
        var token = Scan();
        _previous = token.Kind;
        return token;
    }

    private Token Scan()
    {
        // The common case, a token right here, costs one comparison.
        if (_pos < _end && _text[_pos] is ' ' or '\t' or '\r' or '\n' or '\f' or '\v' or '/')
        {
            var unterminated = SkipSpaceAndComments();
            if (unterminated >= 0)
            {
                return Fail(unterminated, "unterminated comment: expected */");
            }
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

    /// <summary>Skips white space and comments; returns where an unterminated comment starts, or -1.</summary>
    private int SkipSpaceAndComments()
    {
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
                    _pos = _end;
                    return start;
                }

                Advance(end + 2);
            }
            else
            {
                break;
            }
        }

        return -1;
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

    private Token Make(TokenKind kind, int start) => Token.Simple(kind, start, _line, start - _lineStart + 1);

    private Token Fail(int start, string message) => Token.Failure(start, _line, start - _lineStart + 1, message);

    private Token Word()
    {
        var start = _pos;
        var length = _text.AsSpan(start, _end - start).IndexOfAnyExcept(IdentifierChars);
        _pos = length < 0 ? _end : start + length;

        var span = _text.AsSpan(start, _pos - start);

        // Only words of these lengths can be keywords: most names need no comparison at all.
        switch (span.Length)
        {
            case 2 when span.Equals("is", StringComparison.OrdinalIgnoreCase):
                return Make(TokenKind.MetaEqual, start);
            case 4 when span.Equals("true", StringComparison.OrdinalIgnoreCase):
                return Token.Boolean(start, _line, start - _lineStart + 1, true);
            case 4 when span.Equals("isnt", StringComparison.OrdinalIgnoreCase):
                return Make(TokenKind.MetaNotEqual, start);
            case 5 when span.Equals("false", StringComparison.OrdinalIgnoreCase):
                return Make(TokenKind.BooleanValue, start);
            case 5 when span.Equals("error", StringComparison.OrdinalIgnoreCase):
                return Make(TokenKind.ErrorValue, start);
            case 9 when span.Equals("undefined", StringComparison.OrdinalIgnoreCase):
                return Make(TokenKind.UndefinedValue, start);
            default:
                break;
        }

        return Token.Identifier(start, _line, start - _lineStart + 1, NameTable.Intern(span));
    }

    private static readonly System.Buffers.SearchValues<char> IdentifierChars =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_");

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    private static bool IsAlpha(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z');
}
