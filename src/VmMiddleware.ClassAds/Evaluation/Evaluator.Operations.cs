using VmMiddleware.ClassAds.Syntax;
using VmMiddleware.ClassAds.Values;

namespace VmMiddleware.ClassAds.Evaluation;

/// <summary>Operator nodes: short-circuit and non-strict operators here, strict ones delegated to <see cref="Operators"/>.</summary>
public sealed partial class Evaluator
{
    private Value Operation(OperationExpr o)
    {
        switch (o.Op)
        {
            case OpKind.Parentheses:
                return Eval(o.Left);
            case OpKind.LogicalAnd:
                {
                    var left = Eval(o.Left);
                    if (left.TryGetTruth(out var b) && !b)
                    {
                        return Value.False;
                    }

                    // true && boolean is that boolean (the common case); the table in Operators covers the rest.
                    var right = Eval(o.Right!);
                    return left.Kind == ValueKind.Boolean && right.Kind == ValueKind.Boolean ? right : Operators.LogicalAnd(left, right);
                }

            case OpKind.LogicalOr:
                {
                    var left = Eval(o.Left);
                    if (left.TryGetTruth(out var b) && b)
                    {
                        return Value.True;
                    }

                    // false || boolean is that boolean.
                    var right = Eval(o.Right!);
                    return left.Kind == ValueKind.Boolean && right.Kind == ValueKind.Boolean ? right : Operators.LogicalOr(left, right);
                }

            case OpKind.Ternary:
                return Conditional(o);
            case OpKind.Subscript:
                return Subscript(Eval(o.Left), Eval(o.Right!));
            case OpKind.UnaryMinus or OpKind.UnaryPlus or OpKind.LogicalNot or OpKind.BitwiseNot:
                return Operators.Unary(o.Op, Eval(o.Left));
            default:
                return Operators.Binary(o.Op, Eval(o.Left), Eval(o.Right!));
        }
    }

    private Value Conditional(OperationExpr o)
    {
        var selector = Eval(o.Left);
        if (o.Right is null)
        {
            // The elvis form a ?: b yields a unless a is UNDEFINED.
            return selector.IsUndefined ? Eval(o.Third!) : selector;
        }

        if (selector.IsUndefined)
        {
            return Value.Undefined;
        }

        if (!selector.TryGetTruth(out var truth))
        {
            return Value.Error;
        }

        return truth ? Eval(o.Right) : Eval(o.Third!);
    }

    private Value Subscript(Value container, Value index)
    {
        if (container.IsError || index.IsError)
        {
            return Value.Error;
        }

        if (container.IsUndefined || index.IsUndefined)
        {
            return Value.Undefined;
        }

        if (container.Kind == ValueKind.ClassAd && index.Kind == ValueKind.String)
        {
            var ad = container.AsClassAd;
            var expr = ad.Lookup(index.AsString);
            return expr is null ? Value.Undefined : EvalBound(ad, expr);
        }

        if (container.Kind == ValueKind.List && index.Kind == ValueKind.Integer)
        {
            // operators.cpp: the index is read as a 32-bit int; the element is evaluated in its own parent scope.
            var list = container.AsList;
            var i = unchecked((int)index.AsInteger);
            if (i < 0 || i >= list.Count)
            {
                return Value.Error;
            }

            return EvalIn(list.Items[i], list.Unbound ? null : list.Scope);
        }

        return Value.Error;
    }
}
