using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace VmMiddleware.WorkUnits.Literals;

/// <summary>Parses and formats sizes such as 256M, 1G or 512: a whole number with an optional binary suffix; plain numbers are MiB.</summary>
internal static class SizeLiteral
{
    /// <summary>Describes a valid size, for error messages.</summary>
    public const string Expectation =
        "a size such as 256M or 1G: a whole number with an optional binary suffix K, M, G or T (or B for bytes); plain numbers are MiB";

    private const long MiB = 1L << 20;

    private static readonly (char Suffix, int Shift)[] Units = [('T', 40), ('G', 30), ('M', 20), ('K', 10)];

    /// <summary>Parses <paramref name="text"/> into a positive number of bytes, or says what is wrong with it.</summary>
    public static bool TryParseBytes(string text, out long bytes, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        bytes = 0;
        var digits = 0;
        while (digits < text.Length && char.IsAsciiDigit(text[digits]))
        {
            digits++;
        }

        if (digits == 0 || !TryGetShift(text.AsSpan(digits), out var shift))
        {
            problem = $"'{text}' is not a size; expected {Expectation}";
            return false;
        }

        if (!long.TryParse(text.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || number > (long.MaxValue >> shift))
        {
            problem = $"'{text}' is too large; expected at most 8388607T";
            return false;
        }

        if (number == 0)
        {
            problem = $"'{text}' is zero; expected a size greater than zero";
            return false;
        }

        bytes = number << shift;
        problem = null;
        return true;
    }

    /// <summary>Parses <paramref name="text"/> into a positive whole number of MiB that fits an int, or says what is wrong with it.</summary>
    public static bool TryParseMiB(string text, out int mebibytes, [NotNullWhen(false)] out string? problem)
    {
        mebibytes = 0;
        if (!TryParseBytes(text, out var bytes, out problem))
        {
            return false;
        }

        if (bytes % MiB != 0)
        {
            problem = $"'{text}' is not a whole number of MiB; expected a multiple of 1M";
            return false;
        }

        if (bytes / MiB > int.MaxValue)
        {
            problem = $"'{text}' is too large; expected at most {int.MaxValue}M";
            return false;
        }

        mebibytes = (int)(bytes / MiB);
        return true;
    }

    /// <summary>Formats a byte count with the largest binary suffix that divides it exactly (B when none does).</summary>
    public static string FormatBytes(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bytes);
        foreach (var (suffix, shift) in Units)
        {
            if (bytes % (1L << shift) == 0)
            {
                return (bytes >> shift).ToString(CultureInfo.InvariantCulture) + suffix;
            }
        }

        return bytes.ToString(CultureInfo.InvariantCulture) + "B";
    }

    /// <summary>Formats a number of MiB with the largest binary suffix that divides it exactly.</summary>
    public static string FormatMiB(int mebibytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(mebibytes);
        return FormatBytes(mebibytes * MiB);
    }

    private static bool TryGetShift(ReadOnlySpan<char> suffix, out int shift)
    {
        shift = 20;
        if (suffix.IsEmpty)
        {
            return true;
        }

        if (suffix is "B")
        {
            shift = 0;
            return true;
        }

        if (suffix.Length != 1 && suffix[1..] is not "iB")
        {
            return false;
        }

        foreach (var (unit, unitShift) in Units)
        {
            if (char.ToUpperInvariant(suffix[0]) == unit)
            {
                shift = unitShift;
                return true;
            }
        }

        return false;
    }
}
