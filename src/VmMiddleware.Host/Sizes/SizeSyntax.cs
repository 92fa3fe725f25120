using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace VmMiddleware.Host.Sizes;

/// <summary>The one size syntax: a whole number with an optional binary suffix K, M, G or T in either case (optionally followed by iB), or B for bytes, as in the schemas.</summary>
/// <remarks>
/// What a bare number means is not the same for every setting users already write (work-unit memory is MiB, a cache cap is
/// bytes), so every caller states it as <c>bareUnit</c>; the syntax, the suffixes and the errors are the same everywhere.
/// </remarks>
public static class SizeSyntax
{
    /// <summary>Describes the syntax, for error messages (callers add what a bare number means).</summary>
    public const string Description = "a whole number with an optional binary suffix K, M, G or T (or B for bytes)";

    /// <summary>The largest size that can be written with the largest suffix (8388607T, just under 2^63 bytes).</summary>
    public const string Largest = "8388607T";

    /// <summary>Parses <paramref name="text"/> into a non-negative number of bytes, or says what is wrong and where.</summary>
    /// <param name="text">The size text, for example 256M, 1g, 4KiB, 512B or 1024.</param>
    /// <param name="bareUnit">What a number without a suffix counts.</param>
    /// <param name="bytes">The size in bytes, when the text is valid.</param>
    /// <param name="error">What is wrong, when it is not.</param>
    /// <returns>True when <paramref name="text"/> is a valid size.</returns>
    public static bool TryParse(string text, SizeUnit bareUnit, out long bytes, [NotNullWhen(false)] out SizeError? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        bytes = 0;
        var digits = 0;
        while (digits < text.Length && char.IsAsciiDigit(text[digits]))
        {
            digits++;
        }

        if (digits == 0)
        {
            error = new SizeError(SizeErrorKind.NotASize, 0);
            return false;
        }

        if (!TryGetShift(text.AsSpan(digits), bareUnit, out var shift))
        {
            error = new SizeError(SizeErrorKind.NotASize, digits);
            return false;
        }

        if (!long.TryParse(text.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || number > (long.MaxValue >> shift))
        {
            error = new SizeError(SizeErrorKind.TooLarge, 0);
            return false;
        }

        bytes = number << shift;
        error = null;
        return true;
    }

    private static bool TryGetShift(ReadOnlySpan<char> suffix, SizeUnit bareUnit, out int shift)
    {
        shift = (int)bareUnit;
        if (suffix.IsEmpty)
        {
            return true;
        }

        shift = 0;
        if (suffix is "B")
        {
            return true;
        }

        if (suffix.Length != 1 && suffix[1..] is not "iB")
        {
            return false;
        }

        shift = char.ToUpperInvariant(suffix[0]) switch
        {
            'K' => 10,
            'M' => 20,
            'G' => 30,
            'T' => 40,
            _ => -1,
        };
        return shift >= 0;
    }
}
