using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using VmMiddleware.Host.Sizes;

namespace VmMiddleware.WorkUnits.Literals;

/// <summary>Parses (with the one <see cref="SizeSyntax"/>) and formats work-unit sizes such as 256M, 1G or 512; plain numbers are MiB, as workunit.xsd documents.</summary>
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
        if (!SizeSyntax.TryParse(text, SizeUnit.MiB, out bytes, out var error))
        {
            problem = error.Kind == SizeErrorKind.TooLarge
                ? $"'{text}' is too large; expected at most {SizeSyntax.Largest}"
                : $"'{text}' is not a size; expected {Expectation}";
            return false;
        }

        if (bytes == 0)
        {
            problem = $"'{text}' is zero; expected a size greater than zero";
            return false;
        }

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
}
