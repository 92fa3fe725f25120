using VmMiddleware.ClassAds.Values;

namespace VmMiddleware.ClassAds.Functions;

/// <summary>Version comparison: <c>versioncmp</c>, <c>versionGT/LT/GE/LE/EQ</c> and <c>version_in_range</c>.</summary>
internal static class VersionFunctions
{
    public static void Register(Dictionary<string, BuiltinFunction> t)
    {
        t["versioncmp"] = Compare(r => Value.FromInteger(r));
        t["versionGT"] = Compare(r => Value.FromBoolean(r > 0));
        t["versionLT"] = Compare(r => Value.FromBoolean(r < 0));
        t["versionGE"] = Compare(r => Value.FromBoolean(r >= 0));
        t["versionLE"] = Compare(r => Value.FromBoolean(r <= 0));
        t["versionEQ"] = Compare(r => Value.FromBoolean(r == 0));
        t["version_in_range"] = Args.Fixed(3, (v, _) => InRange(v[0], v[1], v[2]));
    }

    /// <summary>Compares two version strings as natural_cmp.cpp does: digit runs compare by value, more leading zeros sorting
    /// first; returns the raw difference natural_cmp returns (of characters, zero counts or run lengths), not just its sign.</summary>
    public static int VersionCompare(string a, string b)
    {
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }

        if (i == a.Length && i == b.Length)
        {
            return 0;
        }

        var ca = At(a, i);
        var cb = At(b, i);

        // The digit run the first difference falls in starts at 'start' (identical in both strings up to i).
        var start = i;
        while (start > 0 && char.IsAsciiDigit(a[start - 1]))
        {
            start--;
        }

        if (start == i && (!char.IsAsciiDigit(ca) || !char.IsAsciiDigit(cb)))
        {
            return (ca - cb);
        }

        var zerosA = LeadingZeros(a, start);
        var zerosB = LeadingZeros(b, start);
        if (zerosA != zerosB)
        {
            // More leading zeros make the smaller number ("000" < "00" < "01" < "0").
            return (zerosB - zerosA);
        }

        if (zerosA > 0)
        {
            return (ca - cb);
        }

        var lengthA = DigitRun(a, start);
        var lengthB = DigitRun(b, start);
        return lengthA != lengthB ? (lengthA - lengthB) : (ca - cb);
    }

    private static BuiltinFunction Compare(Func<int, Value> result) => Args.Fixed(2, (v, _) =>
    {
        // HTCondor: UNDEFINED versions give UNDEFINED, which is more useful in requirements than ERROR.
        if (v[0].IsUndefined || v[1].IsUndefined)
        {
            return Value.Undefined;
        }

        var a = Coerce.ToStringValue(v[0]);
        var b = Coerce.ToStringValue(v[1]);
        return a.Kind == ValueKind.String && b.Kind == ValueKind.String ? result(VersionCompare(a.AsString, b.AsString)) : Value.Error;
    });

    // Manual, version_in_range(): "Equivalent to versionLE(min, version) && versionLE(version, max)".
    private static Value InRange(Value version, Value min, Value max)
    {
        if (min.IsUndefined || max.IsUndefined)
        {
            return Value.Undefined;
        }

        var v = Coerce.ToStringValue(version);
        var lo = Coerce.ToStringValue(min);
        var hi = Coerce.ToStringValue(max);
        if (v.Kind != ValueKind.String || lo.Kind != ValueKind.String || hi.Kind != ValueKind.String)
        {
            return Value.Error;
        }

        return Value.FromBoolean(VersionCompare(lo.AsString, v.AsString) <= 0 && VersionCompare(v.AsString, hi.AsString) <= 0);
    }

    private static char At(string s, int i) => i < s.Length ? s[i] : '\0';

    private static int LeadingZeros(string s, int start)
    {
        var end = start;
        while (end < s.Length && s[end] == '0')
        {
            end++;
        }

        // A lone final zero is the number zero, not a leading zero.
        if (end > start && !char.IsAsciiDigit(At(s, end)))
        {
            end--;
        }

        return end - start;
    }

    private static int DigitRun(string s, int start)
    {
        var end = start;
        while (end < s.Length && char.IsAsciiDigit(s[end]))
        {
            end++;
        }

        return end - start;
    }
}
