using System.Buffers;
using System.Text;

namespace VmMiddleware.ClassAds.Syntax;

/// <summary>String literals and quoted names, with HTCondor's escapes and adjacent-literal concatenation.</summary>
internal partial struct Lexer
{
    // Where a scan through a literal must stop and look: its delimiter, a backslash, NUL (the end of input for
    // HTCondor), and the other control characters and DEL, which printing has to escape.
    private static readonly SearchValues<char> DoubleQuotedStops = SearchValues.Create(Stops('"'));
    private static readonly SearchValues<char> SingleQuotedStops = SearchValues.Create(Stops('\''));

    private Token QuotedString(char delimiter)
    {
        var start = _pos;
        var line = _line;
        var column = start - _lineStart + 1;
        var stops = delimiter == '"' ? DoubleQuotedStops : SingleQuotedStops;

        // Most strings are one literal: take it as one substring, and build only when adjacent literals concatenate.
        StringBuilder? sb = null;
        string? first = null;
        var plain = true;
        var p = _pos;
        while (true)
        {
            p++;
            var segStart = p;
            while (true)
            {
                var next = p < _end ? _text.AsSpan(p, _end - p).IndexOfAny(stops) : -1;
                if (next < 0 || _text[p + next] == '\0')
                {
                    Advance(next < 0 ? Math.Max(p, _end) : p + next);
                    return Token.Failure(start, line, column, "unterminated string: expected closing " + delimiter);
                }

                p += next;
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

                plain = false;
                p += ch == '\\' && !OldSyntax ? 2 : 1;
            }

            if (first is null)
            {
                first = _text.Substring(segStart, p - segStart);
            }
            else
            {
                sb ??= new StringBuilder(first);
                sb.Append(_text, segStart, p - segStart);
            }

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
        var raw = sb?.ToString() ?? first ?? string.Empty;
        string text;
        if (plain)
        {
            // No backslash, so no escapes; no control character either, so the text also prints without escaping.
            text = raw;
        }
        else if (OldSyntax)
        {
            // Only a backslash before the delimiter is an escape in old syntax.
            text = raw.Contains('\\', StringComparison.Ordinal)
                ? raw.Replace(delimiter == '"' ? "\\\"" : "\\'", delimiter == '"' ? "\"" : "'", StringComparison.Ordinal)
                : raw;
        }
        else if (!Escapes.TryUnescape(raw, out text))
        {
            return Token.Failure(start, line, column, "invalid string: an escape produces a NUL character");
        }

        return Token.WithText(delimiter == '"' ? TokenKind.StringValue : TokenKind.Identifier, start, line, column, text, plain);
    }

    private static string Stops(char delimiter)
    {
        var chars = new char[0x20 + 3];
        for (var c = 0; c < 0x20; c++)
        {
            chars[c] = (char)c;
        }

        chars[0x20] = delimiter;
        chars[0x21] = '\\';
        chars[0x22] = '\u007f';
        return new string(chars);
    }
}
