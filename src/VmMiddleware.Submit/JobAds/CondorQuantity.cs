using System.Globalization;
using System.Text.RegularExpressions;

namespace VmMiddleware.Submit.JobAds;

/// <summary>HTCondor's parse_int64_bytes: a number with an optional K, M, G or T suffix (and an optional B), in units of a given base, rounded up.</summary>
internal static partial class CondorQuantity
{
    /// <summary>Returns <paramref name="text"/> in units of <paramref name="baseBytes"/> (a plain number is already in those units), or null when it is not a quantity.</summary>
    public static long? Parse(string text, long baseBytes)
    {
        var match = Pattern().Match(text.Trim());
        if (!match.Success || !double.TryParse(match.Groups["n"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        var unit = match.Groups["u"].Value.ToUpperInvariant();
        if (unit.Length == 0)
        {
            return (long)Math.Ceiling(number);
        }

        var bytes = number * unit[0] switch { 'K' => 1L << 10, 'M' => 1L << 20, 'G' => 1L << 30, 'T' => 1L << 40, _ => 1L };
        return (long)Math.Ceiling(bytes / baseBytes);
    }

    [GeneratedRegex(@"^(?<n>\d+(\.\d+)?)\s*(?<u>[KMGTkmgt]?[Bb]?)$")]
    private static partial Regex Pattern();
}
