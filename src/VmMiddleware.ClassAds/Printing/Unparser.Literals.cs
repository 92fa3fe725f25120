using System.Globalization;
using VmMiddleware.ClassAds.Syntax;
using VmMiddleware.ClassAds.Values;

namespace VmMiddleware.ClassAds.Printing;

/// <summary>The one-step printing of attributes bound to integer and escape-free string literals.</summary>
public static partial class Unparser
{
    private sealed partial class Writer
    {
        // Most attributes of real ads bind a plain name to an integer or an escape-free string: print those in one step,
        // with one capacity check, instead of going through Expr and Value.
        private bool TryLiteralBinding(string name, Expr expr)
        {
            if (expr is not LiteralExpr { Factor: '\0' } literal)
            {
                return false;
            }

            var value = literal.Value;
            Span<char> dest;
            int n;
            switch (value.Kind)
            {
                case ValueKind.Integer:
                    dest = Reserve(name.Length + 3 + 20);
                    n = Name(dest, name);
                    n += WriteInteger(dest[n..], value.AsInteger);
                    break;
                case ValueKind.String when literal.IsPlainString:
                    var s = value.AsString;
                    dest = Reserve(name.Length + 3 + s.Length + 2);
                    n = Name(dest, name);
                    dest[n++] = '"';
                    Copy(s, dest[n..]);
                    n += s.Length;
                    dest[n++] = '"';
                    break;
                default:
                    return false;
            }

            _length += n;
            return true;
        }

        // TryLiteralBinding for an old-syntax line, with its newline written in the same step. A separate copy: a
        // terminator parameter on the shared method slowed new-syntax printing by a sixth.
        private bool TryLiteralLine(string name, Expr expr)
        {
            if (expr is not LiteralExpr { Factor: '\0' } literal)
            {
                return false;
            }

            var value = literal.Value;
            Span<char> dest;
            int n;
            switch (value.Kind)
            {
                case ValueKind.Integer:
                    dest = Reserve(name.Length + 3 + 20 + 1);
                    n = Name(dest, name);
                    n += WriteInteger(dest[n..], value.AsInteger);
                    break;
                case ValueKind.String when literal.IsPlainString:
                    var s = value.AsString;
                    dest = Reserve(name.Length + 3 + s.Length + 2 + 1);
                    n = Name(dest, name);
                    dest[n++] = '"';
                    Copy(s, dest[n..]);
                    n += s.Length;
                    dest[n++] = '"';
                    break;
                default:
                    return false;
            }

            dest[n++] = '\n';
            _length += n;
            return true;
        }

        // Counters and flags are mostly 0 to 99: those two digits are written directly, anything else by TryFormat.
        private static int WriteInteger(Span<char> dest, long value)
        {
            if ((ulong)value < 10)
            {
                dest[0] = (char)('0' + value);
                return 1;
            }

            if ((ulong)value < 100)
            {
                dest[1] = (char)('0' + (value % 10));
                dest[0] = (char)('0' + (value / 10));
                return 2;
            }

            value.TryFormat(dest, out var digits, default, CultureInfo.InvariantCulture);
            return digits;
        }

        private static int Name(Span<char> dest, string name)
        {
            Copy(name, dest);
            var n = name.Length;
            dest[n] = ' ';
            dest[n + 1] = '=';
            dest[n + 2] = ' ';
            return n + 3;
        }
    }
}
