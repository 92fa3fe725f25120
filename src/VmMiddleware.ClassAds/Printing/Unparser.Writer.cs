using System.Runtime.CompilerServices;
using System.Text;
using VmMiddleware.ClassAds.Syntax;
using VmMiddleware.ClassAds.Values;

namespace VmMiddleware.ClassAds.Printing;

/// <summary>The writer that walks ads, expressions and values.</summary>
public static partial class Unparser
{
    private sealed class Writer(StringBuilder sb, bool oldSyntax)
    {
        public bool InValue { get; init; }

        private bool _inValue;

        public void Ad(ClassAd ad)
        {
            var top = oldSyntax && !_inValue && !InValue;
            if (!top)
            {
                sb.Append("[ ");
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
                    sb.Append(top ? "\n" : "; ");
                }

                first = false;
                if (entry.Info.NeedsQuoting)
                {
                    Quoted(sb, entry.Name, '\'', oldSyntax: false);
                }
                else
                {
                    sb.Append(entry.Name);
                }

                sb.Append(" = ");
                var saved = _inValue;
                _inValue = true;
                Expr(expr);
                _inValue = saved;
            }

            sb.Append(top ? (ad.Count > 0 ? "\n" : string.Empty) : " ]");
        }

        public void Expr(Expr expr)
        {
            if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
            {
                sb.Append("<error:expression too deep>");
                return;
            }

            switch (expr)
            {
                case LiteralExpr l:
                    Value(l.Value);
                    if (l.Factor != '\0' && l.Value.IsNumber)
                    {
                        sb.Append(l.Factor);
                    }

                    break;
                case AttributeRefExpr r:
                    if (r.Base is not null)
                    {
                        Expr(r.Base);
                        sb.Append('.');
                        sb.Append(r.Name);
                    }
                    else
                    {
                        if (r.Absolute)
                        {
                            sb.Append('.');
                        }

                        Name(sb, r.Name);
                    }

                    break;
                case OperationExpr o:
                    Operation(o);
                    break;
                case FunctionCallExpr f:
                    sb.Append(f.Name).Append('(');
                    for (var i = 0; i < f.Arguments.Count; i++)
                    {
                        if (i > 0)
                        {
                            sb.Append(',');
                        }

                        Expr(f.Arguments[i]);
                    }

                    sb.Append(')');
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
        }

        private void List(IReadOnlyList<Expr> items)
        {
            sb.Append("{ ");
            for (var i = 0; i < items.Count; i++)
            {
                if (i > 0)
                {
                    sb.Append(',');
                }

                Expr(items[i]);
            }

            sb.Append(" }");
        }

        private void Operation(OperationExpr o)
        {
            switch (o.Op)
            {
                case OpKind.Parentheses:
                    sb.Append('(');
                    Expr(o.Left);
                    sb.Append(')');
                    return;
                case OpKind.UnaryMinus or OpKind.UnaryPlus or OpKind.LogicalNot or OpKind.BitwiseNot:
                    sb.Append(OperatorText.Of(o.Op));
                    Expr(o.Left);
                    return;
                case OpKind.Ternary:
                    Expr(o.Left);
                    if (o.Right is not null)
                    {
                        sb.Append(" ? ");
                        Expr(o.Right);
                        sb.Append(" : ");
                    }
                    else
                    {
                        sb.Append(" ?: ");
                    }

                    Expr(o.Third!);
                    return;
                case OpKind.Subscript:
                    Expr(o.Left);
                    sb.Append('[');
                    Expr(o.Right!);
                    sb.Append(']');
                    return;
                default:
                    Expr(o.Left);
                    sb.Append(oldSyntax && o.Op == OpKind.MetaEqual ? " =?= "
                        : oldSyntax && o.Op == OpKind.MetaNotEqual ? " =!= "
                        : OperatorText.Of(o.Op));
                    Expr(o.Right!);
                    return;
            }
        }

        public void Value(Value v)
        {
            switch (v.Kind)
            {
                case ValueKind.Undefined: sb.Append("undefined"); break;
                case ValueKind.Error: sb.Append("error"); break;
                case ValueKind.Boolean: sb.Append(v.AsBoolean ? "true" : "false"); break;
                case ValueKind.Integer: sb.Append(v.AsInteger); break;
                case ValueKind.Real: sb.Append(RealFormatter.Format(v.AsReal, oldSyntax)); break;
                case ValueKind.String: Quoted(sb, v.AsString, '"', oldSyntax); break;
                case ValueKind.AbsoluteTime:
                    sb.Append("absTime(\"").Append(TimeFormatter.AbsoluteTime(v.AsInteger, v.TimeZoneOffset)).Append("\")");
                    break;
                case ValueKind.RelativeTime:
                    sb.Append("relTime(\"").Append(TimeFormatter.RelativeTime(v.AsReal)).Append("\")");
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

        public static void Name(StringBuilder sb, string name)
        {
            if (ClassAd.IsIdentifier(name) && !IsReserved(name))
            {
                sb.Append(name);
                return;
            }

            Quoted(sb, name, '\'', oldSyntax: false);
        }

        public static bool IsReserved(string name) => name.Length is 2 or 4 or 5 or 9 && (name.Equals("true", StringComparison.OrdinalIgnoreCase) || name.Equals("false", StringComparison.OrdinalIgnoreCase)
            || name.Equals("undefined", StringComparison.OrdinalIgnoreCase) || name.Equals("error", StringComparison.OrdinalIgnoreCase)
            || name.Equals("is", StringComparison.OrdinalIgnoreCase) || name.Equals("isnt", StringComparison.OrdinalIgnoreCase));

        public static void Quoted(StringBuilder sb, string s, char delimiter, bool oldSyntax)
        {
            sb.Append(delimiter);

            // Most strings need no escaping at all: copy them in one piece.
            if (s.AsSpan().IndexOfAnyInRange('\0', '\u001f') < 0 && s.AsSpan().IndexOfAny(delimiter, '\\', '\u007f') < 0)
            {
                sb.Append(s).Append(delimiter);
                return;
            }

            foreach (var c in s)
            {
                if (c == delimiter)
                {
                    sb.Append('\\').Append(c);
                    continue;
                }

                if (!oldSyntax)
                {
                    switch (c)
                    {
                        case '\a': sb.Append("\\a"); continue;
                        case '\b': sb.Append("\\b"); continue;
                        case '\f': sb.Append("\\f"); continue;
                        case '\n': sb.Append("\\n"); continue;
                        case '\r': sb.Append("\\r"); continue;
                        case '\t': sb.Append("\\t"); continue;
                        case '\v': sb.Append("\\v"); continue;
                        case '\\': sb.Append("\\\\"); continue;
                        default:
                            if (c < 0x20 || c == 0x7f)
                            {
                                sb.Append('\\').Append(Convert.ToString(c, 8).PadLeft(3, '0'));
                                continue;
                            }

                            break;
                    }
                }

                sb.Append(c);
            }

            sb.Append(delimiter);
        }
    }
}
