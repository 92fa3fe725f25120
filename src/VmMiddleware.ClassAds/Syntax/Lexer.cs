using System.Runtime.CompilerServices;

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
        var pos = _pos;
        if (pos >= _end)
        {
            return Make(TokenKind.EndOfInput, pos);
        }

        var c = _text[pos];
        var start = c < 128 ? Starts[c] : Other;
        if (start == Space)
        {
            var unterminated = SkipSpaceAndComments();
            if (unterminated >= 0)
            {
                return Fail(unterminated, "unterminated comment: expected */");
            }

            pos = _pos;
            if (pos >= _end)
            {
                return Make(TokenKind.EndOfInput, pos);
            }

            c = _text[pos];
            start = c < 128 ? Starts[c] : Other;
            if (start == Space)
            {
                // White space and comments are behind us: this is a '/' that opens no comment.
                start = (byte)TokenKind.Divide;
            }
        }

        if (start < FirstClass)
        {
            if (start == Other)
            {
                return Punctuation();
            }

            _pos = pos + 1;
            return Make((TokenKind)start, pos);
        }

        switch (start)
        {
            case Letter:
                return Word();
            case Digit:
                return Number();
            case Quote:
                return QuotedString(c);
            case Dash:
                return _previous switch
                {
                    TokenKind.IntegerValue or TokenKind.RealValue or TokenKind.BooleanValue or TokenKind.StringValue
                        or TokenKind.UndefinedValue or TokenKind.ErrorValue or TokenKind.Identifier or TokenKind.Selection
                        or TokenKind.CloseBox or TokenKind.CloseParen or TokenKind.CloseBrace => Punctuation(),
                    _ => Number(),
                };
            default:
                return Make(TokenKind.EndOfInput, pos); // NUL ends the input, as in HTCondor's lexer
        }
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
        // Names are short: a plain loop over a bit set beats a vectorized search, whose set-up costs more than the scan.
        var start = _pos;
        var text = _text.AsSpan(0, _end);
        var p = start + 1;
        while ((uint)p < (uint)text.Length && IsIdentifierChar(text[p]))
        {
            p++;
        }

        _pos = p;

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

    // [0-9] in the low word (code units 0-63); [A-Z], '_' and [a-z] in the high one (64-127).
    private const ulong IdentifierLow = 0x03FF_0000_0000_0000UL;
    private const ulong IdentifierHigh = 0x07FF_FFFE_87FF_FFFEUL;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsIdentifierChar(char c) =>
        c < 128 && (((c < 64 ? IdentifierLow : IdentifierHigh) >> (c & 63)) & 1) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsDigit(char c) => (uint)(c - '0') <= 9;

}
