using VmMiddleware.ClassAds.Values;

namespace VmMiddleware.ClassAds.Functions;

/// <summary>Functions that split a string into a list: <c>split</c>, <c>splitUserName</c>, <c>splitSlotName</c>.</summary>
internal static class SplitFunctions
{
    public static void Register(Dictionary<string, BuiltinFunction> t)
    {
        t["split"] = Args.Range(1, 2, (v, _) => Split(v));
        t["splitUserName"] = Args.Fixed(1, (v, _) => SplitAt(v[0], slot: false));
        t["splitSlotName"] = Args.Fixed(1, (v, _) => SplitAt(v[0], slot: true));
    }

    // Manual, split(): substrings delimited by any of the characters of tokens, white space by default. As in
    // HTCondor, empty pieces vanish except between two of the same non-space separator ("a,,b" has three items),
    // and the default separators are comma, space and tab.
    private static Value Split(ReadOnlySpan<Value> v)
    {
        if (!Coerce.TryString(v[0], out var s))
        {
            return Value.Error;
        }

        var separators = ", \t";
        if (v.Length == 2 && !Coerce.TryString(v[1], out separators))
        {
            return Value.Error;
        }

        // The pieces are found first (as ranges, on the stack for the usual few) so the list is built at its final size.
        Span<Range> initial = stackalloc Range[16];
        var pieces = new RangeList(initial);
        var last = 0;
        var previous = -1;
        if (separators.Length > 0)
        {
            for (var i = s.AsSpan().IndexOfAny(separators); i >= 0; i = Next(s, separators, last))
            {
                if (i > last)
                {
                    pieces.Add(last..i);
                }
                else if (!IsSpace(previous) && previous == s[i])
                {
                    pieces.Add(i..i);
                }

                if (!IsSpace(s[i]))
                {
                    previous = s[i];
                }

                last = i + 1;
                if (last >= s.Length)
                {
                    break;
                }
            }
        }

        if (s.Length > last)
        {
            pieces.Add(last..s.Length);
        }

        var bounds = new int[pieces.Count * 2];
        for (var k = 0; k < pieces.Count; k++)
        {
            (bounds[2 * k], bounds[(2 * k) + 1]) = pieces[k].GetOffsetAndLength(s.Length);
        }

        pieces.Dispose();
        return Value.FromList(new ClassAdList(new SplitPieces(s, bounds)));
    }

    private static int Next(string s, string separators, int from)
    {
        var i = s.AsSpan(from).IndexOfAny(separators);
        return i < 0 ? -1 : from + i;
    }

    // Manual, splitUserName()/splitSlotName(): always two strings, split at the first '@'; without one, the missing
    // half is "" (the domain of a user name, the slot of a slot name).
    private static Value SplitAt(Value v, bool slot)
    {
        if (!Coerce.TryString(v, out var s))
        {
            return Value.Error;
        }

        var at = s.IndexOf('@', StringComparison.Ordinal);
        var (first, second) = at >= 0 ? (s[..at], s[(at + 1)..])
            : slot ? (string.Empty, s)
            : (s, string.Empty);
        return Value.FromList(ClassAdList.FromValues([Value.FromString(first), Value.FromString(second)]));
    }

    private static bool IsSpace(int c) => c is ' ' or '\t' or '\n' or '\r' or '\f' or '\v';
}
