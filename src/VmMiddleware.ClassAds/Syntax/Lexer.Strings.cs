using System.Text;

namespace VmMiddleware.ClassAds.Syntax;

/// <summary>String literals and quoted names, with HTCondor's escapes and adjacent-literal concatenation.</summary>
internal sealed partial class Lexer
{
    private Token QuotedString(char delimiter)
    {
        var start = _pos;
        var line = _line;
        var column = start - _lineStart + 1;
        // Most strings are one literal: take it as one substring, and build only when adjacent literals concatenate.
        StringBuilder? sb = null;
        string? first = null;
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
                    return Token.Failure(start, line, column, "unterminated string: expected closing " + delimiter);
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
        if (OldSyntax)
        {
            // Only a backslash before the delimiter is an escape in old syntax; most strings have no backslash at all.
            text = raw.Contains('\\', StringComparison.Ordinal)
                ? raw.Replace(delimiter == '"' ? "\\\"" : "\\'", delimiter == '"' ? "\"" : "'", StringComparison.Ordinal)
                : raw;
        }
        else if (!Escapes.TryUnescape(raw, out text))
        {
            return Token.Failure(start, line, column, "invalid string: an escape produces a NUL character");
        }

        return Token.WithText(delimiter == '"' ? TokenKind.StringValue : TokenKind.Identifier, start, line, column, text);
    }
}
