using VmMiddleware.ClassAds.Values;

namespace VmMiddleware.ClassAds.Functions;

/// <summary>Functions on string lists: <c>stringListSize/Sum/Avg/Min/Max/Member/IMember</c>, <c>stringListsIntersect</c>, <c>stringList[I]SubsetMatch</c>.</summary>
internal static class StringListFunctions
{
    private static readonly System.Buffers.SearchValues<char> IntegerCharacters = System.Buffers.SearchValues.Create("+-0123456789");

    private enum Summary
    {
        Sum,
        Avg,
        Min,
        Max,
    }

    public static void Register(Dictionary<string, BuiltinFunction> t)
    {
        t["stringListSize"] = Args.Range(1, 2, (v, _) => Size(v));
        t["stringListSum"] = Args.Range(1, 2, (v, _) => Summarize(v, Summary.Sum));
        t["stringListAvg"] = Args.Range(1, 2, (v, _) => Summarize(v, Summary.Avg));
        t["stringListMin"] = Args.Range(1, 2, (v, _) => Summarize(v, Summary.Min));
        t["stringListMax"] = Args.Range(1, 2, (v, _) => Summarize(v, Summary.Max));
        t["stringListMember"] = Args.Range(2, 3, (v, _) => Member(v, StringComparer.Ordinal, subset: false));
        t["stringListIMember"] = Args.Range(2, 3, (v, _) => Member(v, StringComparer.OrdinalIgnoreCase, subset: false));
        t["stringListSubsetMatch"] = Args.Range(2, 3, (v, _) => Member(v, StringComparer.Ordinal, subset: true));
        t["stringListISubsetMatch"] = Args.Range(2, 3, (v, _) => Member(v, StringComparer.OrdinalIgnoreCase, subset: true));
        t["stringListsIntersect"] = Args.Range(2, 3, (v, _) => Intersect(v));
    }

    // Manual, stringListSize(): "Returns ERROR if either argument is not a string."
    private static Value Size(ReadOnlySpan<Value> v) =>
        TryList(v, 0, 1, out var items) ? Value.FromInteger(items.Count) : Value.Error;

    // compat_classad.cpp stringListSummarize_func: an integer ((long long) of the double result) when every item is
    // written with digits and signs only, the average included; else a real; ERROR for an item that is not a number.
    // An empty list is 0.0 for the sum and average and UNDEFINED for the minimum and maximum, whose accumulators
    // start at FLT_MAX and FLT_MIN (the smallest positive float, so the maximum of negative items is that).
    private static Value Summarize(ReadOnlySpan<Value> v, Summary kind)
    {
        if (!TryList(v, 0, 1, out var items))
        {
            return Value.Error;
        }

        if (items.Count == 0)
        {
            return kind is Summary.Sum or Summary.Avg ? Value.FromReal(0.0) : Value.Undefined;
        }

        var isReal = false;
        double acc = kind switch { Summary.Min => float.MaxValue, Summary.Max => 1.17549435E-38f, _ => 0.0 };
        foreach (var item in items)
        {
            if (!CNumber.TryParsePrefix(item, out var d))
            {
                return Value.Error;
            }

            isReal |= item.AsSpan().IndexOfAnyExcept(IntegerCharacters) >= 0;
            acc = kind switch
            {
                Summary.Min => Math.Min(acc, d),
                Summary.Max => Math.Max(acc, d),
                _ => acc + d,
            };
        }

        if (kind == Summary.Avg)
        {
            acc /= items.Count;
        }

        return isReal ? Value.FromReal(acc) : Coerce.Truncate(acc);
    }

    // Manual, stringListMember()/stringListSubsetMatch(): ERROR when an argument is not a string (or, for the
    // subset match, UNDEFINED); an UNDEFINED list1 is the empty set, which is a subset of anything, and an
    // UNDEFINED list2 contains nothing; both UNDEFINED give UNDEFINED. HTCondor treats the member functions alike.
    private static Value Member(ReadOnlySpan<Value> v, StringComparer comparer, bool subset)
    {
        var delimiters = ", \t\r\n";
        if ((!v[0].IsUndefined && v[0].Kind != ValueKind.String) || (!v[1].IsUndefined && v[1].Kind != ValueKind.String)
            || (v.Length == 3 && !v[2].IsUndefined && !Coerce.TryString(v[2], out delimiters)))
        {
            return Value.Error;
        }

        if (v[0].IsUndefined && v[1].IsUndefined)
        {
            return Value.Undefined;
        }

        var first = v[0].IsUndefined ? string.Empty : v[0].AsString;
        var set = new HashSet<string>(StringLists.Split(v[1].IsUndefined ? string.Empty : v[1].AsString, delimiters), comparer);
        if (!subset)
        {
            return Value.FromBoolean(set.Contains(first));
        }

        return Value.FromBoolean(StringLists.Split(first, delimiters).All(set.Contains));
    }

    // Manual, stringListsIntersect(): true when the lists share an item; ERROR "if either argument is not a
    // string". HTCondor returns UNDEFINED for an UNDEFINED argument, as functional_tests.txt expects.
    private static Value Intersect(ReadOnlySpan<Value> v)
    {
        if (Args.AnyError(v))
        {
            return Value.Error;
        }

        if (Args.AnyUndefined(v))
        {
            return Value.Undefined;
        }

        var delimiters = " ,";
        if (!Coerce.TryString(v[0], out var a) || !Coerce.TryString(v[1], out var b) || (v.Length == 3 && !Coerce.TryString(v[2], out delimiters)))
        {
            return Value.Error;
        }

        // fnCall.cpp split_string_list: no delimiters means the default " ,".
        if (delimiters.Length == 0)
        {
            delimiters = " ,";
        }

        var set = new HashSet<string>(StringLists.Split(b, delimiters), StringComparer.Ordinal);
        return Value.FromBoolean(StringLists.Split(a, delimiters).Any(set.Contains));
    }

    private static bool TryList(ReadOnlySpan<Value> v, int listIndex, int delimiterIndex, out List<string> items)
    {
        items = [];
        var delimiters = StringLists.DefaultDelimiters;
        if (!Coerce.TryString(v[listIndex], out var list) || (v.Length > delimiterIndex && !Coerce.TryString(v[delimiterIndex], out delimiters)))
        {
            return false;
        }

        items = StringLists.Split(list, delimiters);
        return true;
    }
}
