using System.Buffers;
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
        private readonly bool _oldSyntax;
        private char[] _buffer;
        private int _length;
        private bool _inValue;
        private int _depth;

        // Most printed values and expressions are short: one small buffer per thread serves them without a trip to the
        // shared pool. A writer takes it (a nested writer then rents its own) and hands it back when it finishes.
        private const int SpareLength = 1024;

        [ThreadStatic]
        private static char[]? t_spare;

        public Writer(bool oldSyntax, int capacity)
        {
            _oldSyntax = oldSyntax;
            if (capacity <= SpareLength)
            {
                _buffer = t_spare ?? new char[SpareLength];
                t_spare = null;
            }
            else
            {
                _buffer = ArrayPool<char>.Shared.Rent(capacity);
            }
        }

        public bool InValue { get; init; }

        /// <summary>Returns the printed text and gives the buffer back; the writer is unusable afterwards.</summary>
        public string Finish()
        {
            var s = new string(_buffer, 0, _length);
            Release();
            return s;
        }

        /// <summary>Writes the printed text to <paramref name="output"/> and gives the buffer back; the writer is unusable afterwards.</summary>
        public void FinishTo(TextWriter output)
        {
            output.Write(_buffer.AsSpan(0, _length));
            Release();
        }

        private void Release()
        {
            if (_buffer.Length == SpareLength)
            {
                t_spare = _buffer;
            }
            else
            {
                ArrayPool<char>.Shared.Return(_buffer);
            }

            _buffer = [];
        }

        public void Ad(ClassAd ad)
        {
            var top = _oldSyntax && !_inValue && !InValue;
            if (FlatMapOrder && !top)
            {
                SortedAd(ad);
                return;
            }

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

                Binding(entry.Info, expr);
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

        /// <summary>Prints a top-level old-syntax ad: one line per attribute, each ending in a newline (what Ad prints there).</summary>
        /// <remarks>Its own loop, so that Ad's loop (shared with new syntax and nested ads) stays as it is.</remarks>
        public void Lines(ClassAd ad)
        {
            foreach (ref readonly var entry in ad.Table.Entries)
            {
                var expr = entry.Value;
                if (expr is null)
                {
                    continue;
                }

                if (!entry.Info.NeedsQuoting && TryLiteralLine(entry.Name, expr))
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
                _inValue = true;
                Expr(expr);
                _inValue = false;
                Append('\n');
            }
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
                case ListExpr l when Pretty:
                    PrettyList(l.Items);
                    break;
                case AdExpr a when Pretty:
                    PrettyAd(a.Ad);
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

        /// <summary>Writes one attribute binding of a new-syntax ad, <c>name = value</c>, quoting the name when it needs it.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void Binding(NameInfo name, Expr value)
        {
            if (name.NeedsQuoting)
            {
                Quoted(name.Name, '\'', oldSyntax: false);
            }
            else
            {
                Append(name.Name);
            }

            Append(" = ");
            var saved = _inValue;
            _inValue = true;
            Expr(value);
            _inValue = saved;
        }
    }
}
