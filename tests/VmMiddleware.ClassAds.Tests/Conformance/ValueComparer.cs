using VmMiddleware.ClassAds.Evaluation;
using VmMiddleware.ClassAds.Values;

namespace VmMiddleware.ClassAds.Tests.Conformance;

/// <summary>The "same value" test of HTCondor's functional tester: identical type and value, lists and ads compared deeply.</summary>
internal static class ValueComparer
{
    public static bool Same(Value a, Value b)
    {
        if (a.Kind != b.Kind)
        {
            return false;
        }

        switch (a.Kind)
        {
            case ValueKind.List:
                {
                    var x = a.AsList;
                    var y = b.AsList;
                    if (x.Count != y.Count)
                    {
                        return false;
                    }

                    for (var i = 0; i < x.Count; i++)
                    {
                        if (!Same(Evaluator.Evaluate(x.Items[i], x.Scope, null), Evaluator.Evaluate(y.Items[i], y.Scope, null)))
                        {
                            return false;
                        }
                    }

                    return true;
                }

            case ValueKind.ClassAd:
                {
                    var x = a.AsClassAd;
                    var y = b.AsClassAd;
                    if (x.Count != y.Count)
                    {
                        return false;
                    }

                    foreach (var (name, expr) in x.Attributes)
                    {
                        var other = y.Lookup(name);
                        if (other is null || expr.ToString() != other.ToString())
                        {
                            return false;
                        }
                    }

                    return true;
                }

            default:
                return Operators.Identical(a, b);
        }
    }
}
