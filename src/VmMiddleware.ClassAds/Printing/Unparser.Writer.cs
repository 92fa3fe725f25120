using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using VmMiddleware.ClassAds.Syntax;
using VmMiddleware.ClassAds.Values;

namespace VmMiddleware.ClassAds.Printing;

/// <summary>The writer that walks ads, expressions and values.</summary>
public static partial class Unparser
{
    /// <summary>Prints into a pooled character buffer: one copy per piece of text and one for the finished string.</summary>
    private sealed partial class Writer
    {
        // Characters that force the escaping loop in new syntax, one set per delimiter.
        private static readonly SearchValues<char> NewSyntaxDoubleQuoted = SearchValues.Create(Specials('"'));
        private static readonly SearchValues<char> NewSyntaxSingleQuoted = SearchValues.Create(Specials('\''));

        private readonly bool _oldSyntax;
        private char[] _buffer;
        private int _length;
        private bool _inValue;
        private int _depth;

        public Writer(bool oldSyntax, int capacity)
        {
            _oldSyntax = oldSyntax;
            _buffer = ArrayPool<char>.Shared.Rent(Math.Max(capacity, 64));
        }

        public bool InValue { get; init; }

        /// <summary>Returns the printed text and gives the buffer back to the pool; the writer is unusable afterwards.</summary>
        public string Finish()
        {
            var s = new string(_buffer, 0, _length);
            ArrayPool<char>.Shared.Return(_buffer);
            _buffer = [];
            return s;
        }

        public void Ad(ClassAd ad)
        {
            var top = _oldSyntax && !_inValue && !InValue;
            if (!top)
            {
                Append("[ ");
            }

            var first = true;
            foreach (ref readonly var entry in ad.Table.Entries)
            {
                var expr = entry.Value;
                if (expr is null)
                {
                    continue;
                }

                if (!first)
                {
                    if (top)
                    {
                        Append('\n');
                    }
                    else
                    {
                        Append("; ");
                    }
                }

                first = false;
                if (!entry.Info.NeedsQuoting && TryLiteralBinding(entry.Name, expr))
                {
                    continue;
                }

                if (entry.Info.NeedsQuoting)
                {
                    Quoted(entry.Name, '\'', oldSyntax: false);
                }
                else
                {
                    Append(entry.Name);
                }

                Append(" = ");
                var saved = _inValue;
                _inValue = true;
                Expr(expr);
                _inValue = saved;
            }

            if (!top)
            {
                Append(" ]");
            }
            else if (ad.Count > 0)
            {
                Append('\n');
            }
        }

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
            if (value.Kind == ValueKind.Integer)
            {
                dest = Reserve(name.Length + 3 + 20);
                n = Name(dest, name);
                value.AsInteger.TryFormat(dest[n..], out var digits, default, CultureInfo.InvariantCulture);
                n += digits;
            }
            else if (literal.IsPlainString)
            {
                var s = value.AsString;
                dest = Reserve(name.Length + 3 + s.Length + 2);
                n = Name(dest, name);
                dest[n++] = '"';
                s.CopyTo(dest[n..]);
                n += s.Length;
                dest[n++] = '"';
            }
            else
            {
                return false;
            }

            _length += n;
            return true;
        }

        private static int Name(Span<char> dest, string name)
        {
            name.CopyTo(dest);
            var n = name.Length;
            dest[n] = ' ';
            dest[n + 1] = '=';
            dest[n + 2] = ' ';
            return n + 3;
        }

        public void Expr(Expr expr)
        {
            // Probing the stack is a native call: every eighth level leaves ample margin.
            if ((++_depth & 7) == 0 && !RuntimeHelpers.TryEnsureSufficientExecutionStack())
            {
                Append("<error:expression too deep>");
                _depth--;
                return;
            }

            switch (expr)
            {
                case LiteralExpr l:
                    if (l.IsPlainString)
                    {
                        Plain(l.Value.AsString, '"');
                        break;
                    }

                    Value(l.Value);
                    if (l.Factor != '\0' && l.Value.IsNumber)
                    {
                        Append(l.Factor);
                    }

                    break;
                case AttributeRefExpr r:
                    if (r.Base is not null)
                    {
                        Expr(r.Base);
                        Append('.');
                        Append(r.Name);
                    }
                    else
                    {
                        if (r.Absolute)
                        {
                            Append('.');
                        }

                        if (r.NeedsQuoting)
                        {
                            Quoted(r.Name, '\'', oldSyntax: false);
                        }
                        else
                        {
                            Append(r.Name);
                        }
                    }

                    break;
                case OperationExpr o:
                    Operation(o);
                    break;
                case FunctionCallExpr f:
                    Append(f.Name);
                    Append('(');
                    var args = f.Arguments;
                    for (var i = 0; i < args.Count; i++)
                    {
                        if (i > 0)
                        {
                            Append(',');
                        }

                        Expr(args[i]);
                    }

                    Append(')');
                    break;
                case ListExpr l:
                    List(l.Items);
                    break;
                case AdExpr a:
                    {
                        var saved = _inValue;
                        _inValue = true;
                        Ad(a.Ad);
                        _inValue = saved;
                        break;
                    }

                default:
                    throw new InvalidOperationException("unknown expression node " + expr.GetType().Name);
            }

            _depth--;
        }

        private void List(IReadOnlyList<Expr> items)
        {
            Append("{ ");
            for (var i = 0; i < items.Count; i++)
            {
                if (i > 0)
                {
                    Append(',');
                }

                Expr(items[i]);
            }

            Append(" }");
        }

        private void Operation(OperationExpr o)
        {
            switch (o.Op)
            {
                case OpKind.Parentheses:
                    Append('(');
                    Expr(o.Left);
                    Append(')');
                    return;
                case OpKind.UnaryMinus or OpKind.UnaryPlus or OpKind.LogicalNot or OpKind.BitwiseNot:
                    Append(OperatorText.Of(o.Op));
                    Expr(o.Left);
                    return;
                case OpKind.Ternary:
                    Expr(o.Left);
                    if (o.Right is not null)
                    {
                        Append(" ? ");
                        Expr(o.Right);
                        Append(" : ");
                    }
                    else
                    {
                        Append(" ?: ");
                    }

                    Expr(o.Third!);
                    return;
                case OpKind.Subscript:
                    Expr(o.Left);
                    Append('[');
                    Expr(o.Right!);
                    Append(']');
                    return;
                default:
                    Expr(o.Left);
                    Append(_oldSyntax && o.Op == OpKind.MetaEqual ? " =?= "
                        : _oldSyntax && o.Op == OpKind.MetaNotEqual ? " =!= "
                        : OperatorText.Of(o.Op));
                    Expr(o.Right!);
                    return;
            }
        }

        public void Value(Value v)
        {
            switch (v.Kind)
            {
                case ValueKind.Undefined: Append("undefined"); break;
                case ValueKind.Error: Append("error"); break;
                case ValueKind.Boolean: Append(v.AsBoolean ? "true" : "false"); break;
                case ValueKind.Integer: Integer(v.AsInteger); break;
                case ValueKind.Real: Real(v.AsReal); break;
                case ValueKind.String: Quoted(v.AsString, '"', _oldSyntax); break;
                case ValueKind.AbsoluteTime:
                    Append("absTime(\"");
                    Append(TimeFormatter.AbsoluteTime(v.AsInteger, v.TimeZoneOffset));
                    Append("\")");
                    break;
                case ValueKind.RelativeTime:
                    Append("relTime(\"");
                    Append(TimeFormatter.RelativeTime(v.AsReal));
                    Append("\")");
                    break;
                case ValueKind.List: List(v.AsList.Items); break;
                case ValueKind.ClassAd:
                    {
                        var saved = _inValue;
                        _inValue = true;
                        Ad(v.AsClassAd);
                        _inValue = saved;
                        break;
                    }
            }
        }

        public static bool IsReserved(string name) => name.Length is 2 or 4 or 5 or 9 && (name.Equals("true", StringComparison.OrdinalIgnoreCase) || name.Equals("false", StringComparison.OrdinalIgnoreCase)
            || name.Equals("undefined", StringComparison.OrdinalIgnoreCase) || name.Equals("error", StringComparison.OrdinalIgnoreCase)
            || name.Equals("is", StringComparison.OrdinalIgnoreCase) || name.Equals("isnt", StringComparison.OrdinalIgnoreCase));

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
            s.CopyTo(dest[1..]);
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
