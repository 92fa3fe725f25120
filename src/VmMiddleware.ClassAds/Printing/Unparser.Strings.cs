using System.Buffers;

namespace VmMiddleware.ClassAds.Printing;

/// <summary>Quoting of strings and names, with HTCondor's escapes.</summary>
public static partial class Unparser
{
    private sealed partial class Writer
    {
        // Characters that force the escaping loop in new syntax, one set per delimiter.
        private static readonly SearchValues<char> NewSyntaxDoubleQuoted = SearchValues.Create(Specials('"'));
        private static readonly SearchValues<char> NewSyntaxSingleQuoted = SearchValues.Create(Specials('\''));

        // sink.cpp reserved_words: error, false, is, isnt, parent, true, undefined.
        public static bool IsReserved(string name) => name.Length is 2 or 4 or 5 or 6 or 9 && (name.Equals("true", StringComparison.OrdinalIgnoreCase) || name.Equals("false", StringComparison.OrdinalIgnoreCase)
            || name.Equals("undefined", StringComparison.OrdinalIgnoreCase) || name.Equals("error", StringComparison.OrdinalIgnoreCase)
            || name.Equals("is", StringComparison.OrdinalIgnoreCase) || name.Equals("isnt", StringComparison.OrdinalIgnoreCase)
            || name.Equals("parent", StringComparison.OrdinalIgnoreCase));

        public void Quoted(string s, char delimiter, bool oldSyntax)
        {
            // Most strings need no escaping at all: copy them in one piece. Old syntax escapes only the delimiter.
            var plain = oldSyntax
                ? !s.Contains(delimiter, StringComparison.Ordinal)
                : s.AsSpan().IndexOfAny(delimiter == '"' ? NewSyntaxDoubleQuoted : NewSyntaxSingleQuoted) < 0;
            if (plain)
            {
                Plain(s, delimiter);
                return;
            }

            Append(delimiter);
            foreach (var c in s)
            {
                if (c == delimiter)
                {
                    Append('\\');
                    Append(c);
                    continue;
                }

                if (!oldSyntax)
                {
                    switch (c)
                    {
                        case '\a': Append("\\a"); continue;
                        case '\b': Append("\\b"); continue;
                        case '\f': Append("\\f"); continue;
                        case '\n': Append("\\n"); continue;
                        case '\r': Append("\\r"); continue;
                        case '\t': Append("\\t"); continue;
                        case '\v': Append("\\v"); continue;
                        case '\\': Append("\\\\"); continue;
                        default:
                            if (c < 0x20 || c == 0x7f)
                            {
                                // Three octal digits, as C's "\%03o".
                                var dest = Reserve(4);
                                dest[0] = '\\';
                                dest[1] = (char)('0' + (c >> 6));
                                dest[2] = (char)('0' + ((c >> 3) & 7));
                                dest[3] = (char)('0' + (c & 7));
                                _length += 4;
                                continue;
                            }

                            break;
                    }
                }

                Append(c);
            }

            Append(delimiter);
        }

        private void Plain(string s, char delimiter)
        {
            var dest = Reserve(s.Length + 2);
            dest[0] = delimiter;
            Copy(s, dest[1..]);
            dest[s.Length + 1] = delimiter;
            _length += s.Length + 2;
        }

        private static string Specials(char delimiter)
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
}
