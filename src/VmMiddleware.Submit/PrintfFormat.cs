using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace VmMiddleware.Submit;

/// <summary>The C printf subset $INT, $REAL and $STRING accept: one conversion (%d %i %u %x %X %o, %f %e %g and upper case, %s) with flags, width and precision, amid any other text.</summary>
internal static partial class PrintfFormat
{
    /// <summary>The largest width or precision a format may ask for.</summary>
    internal const int MaxField = 1024;

    public static string FormatInteger(string format, long value, string function) =>
        Format(format, function, "diuxXo", spec => Pad(spec, IntegerDigits(spec, value), value < 0));

    public static string FormatReal(string format, double value, string function) =>
        Format(format, function, "fFeEgG", spec => Pad(spec, RealDigits(spec, value), value < 0 || double.IsNegative(value)));

    public static string FormatString(string format, string value) =>
        Format(format, "$STRING", "s", spec => Pad(spec, spec.Precision is { } p && p < value.Length ? value[..p] : value, negative: false, numeric: false));

    private static string Format(string format, string function, string conversions, Func<Spec, string> convert)
    {
        var matches = Conversion().Matches(format).Where(m => m.Value != "%%").ToList();
        if (matches.Count != 1 || !conversions.Contains(matches[0].Groups["conv"].Value, StringComparison.Ordinal))
        {
            throw new StatementException($"{function}() format '{format}' is not valid; expected one %{string.Join(", %", conversions.ToCharArray())} conversion");
        }

        var match = matches[0];
        var spec = new Spec(
            match.Groups["flags"].Value,
            match.Groups["width"].Success ? Field(match.Groups["width"].Value, "width", format, function) : 0,
            match.Groups["precision"].Success ? Field("0" + match.Groups["precision"].Value, "precision", format, function) : null,
            match.Groups["conv"].Value[0]);
        var text = new StringBuilder();
        text.Append(format.AsSpan(0, match.Index).ToString().Replace("%%", "%", StringComparison.Ordinal));
        text.Append(convert(spec));
        text.Append(format[(match.Index + match.Length)..].Replace("%%", "%", StringComparison.Ordinal));
        return text.ToString();
    }

    /// <summary>Reads a width or precision, which may be at most <see cref="MaxField"/> so that a format cannot ask for a gigabyte of padding.</summary>
    private static int Field(string digits, string what, string format, string function) =>
        int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= MaxField
            ? value
            : throw new StatementException($"{function}() format '{format}' asks for a {what} of {digits.TrimStart('0')}; at most {MaxField} is allowed");

    private static string IntegerDigits(Spec spec, long value)
    {
        var magnitude = value == long.MinValue ? (ulong)long.MaxValue + 1 : (ulong)Math.Abs(value);
        var digits = spec.Conversion switch
        {
            'x' => magnitude.ToString("x", CultureInfo.InvariantCulture),
            'X' => magnitude.ToString("X", CultureInfo.InvariantCulture),
            'o' => Convert.ToString((long)magnitude, 8),
            _ => magnitude.ToString(CultureInfo.InvariantCulture),
        };
        return spec.Precision is { } p && digits.Length < p ? new string('0', p - digits.Length) + digits : digits;
    }

    private static string RealDigits(Spec spec, double value)
    {
        var magnitude = Math.Abs(value);
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            var word = double.IsNaN(value) ? "nan" : "inf";
            return char.IsUpper(spec.Conversion) ? word.ToUpperInvariant() : word;
        }

        var precision = spec.Precision ?? 6;
        return char.ToLowerInvariant(spec.Conversion) switch
        {
            'f' => magnitude.ToString("F" + precision, CultureInfo.InvariantCulture),
            'e' => Exponential(magnitude, precision, spec.Conversion == 'E'),
            _ => General(magnitude, precision == 0 ? 1 : precision, spec.Conversion == 'G', spec.Flags.Contains('#', StringComparison.Ordinal)),
        };
    }

    private static string Exponential(double magnitude, int precision, bool upper)
    {
        var text = magnitude.ToString((upper ? "E" : "e") + precision, CultureInfo.InvariantCulture);
        var e = text.IndexOfAny(['e', 'E']);
        var exponent = int.Parse(text[(e + 1)..], CultureInfo.InvariantCulture);
        return text[..(e + 1)] + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
    }

    private static string General(double magnitude, int precision, bool upper, bool keepZeros)
    {
        var exponentText = Exponential(magnitude, precision - 1, upper);
        var exponent = int.Parse(exponentText[(exponentText.IndexOfAny(['e', 'E']) + 1)..], CultureInfo.InvariantCulture);
        if (exponent < -4 || exponent >= precision)
        {
            if (keepZeros)
            {
                return exponentText;
            }

            var e = exponentText.IndexOfAny(['e', 'E']);
            return TrimZeros(exponentText[..e]) + exponentText[e..];
        }

        var fixedText = magnitude.ToString("F" + Math.Max(0, precision - 1 - exponent), CultureInfo.InvariantCulture);
        return keepZeros ? fixedText : TrimZeros(fixedText);
    }

    private static string TrimZeros(string number) =>
        number.Contains('.', StringComparison.Ordinal) ? number.TrimEnd('0').TrimEnd('.') : number;

    private static string Pad(Spec spec, string digits, bool negative, bool numeric = true)
    {
        var sign = !numeric ? string.Empty
            : negative ? "-"
            : spec.Flags.Contains('+', StringComparison.Ordinal) ? "+"
            : spec.Flags.Contains(' ', StringComparison.Ordinal) ? " "
            : string.Empty;
        var length = sign.Length + digits.Length;
        if (length >= spec.Width)
        {
            return sign + digits;
        }

        var fill = spec.Width - length;
        if (spec.Flags.Contains('-', StringComparison.Ordinal))
        {
            return sign + digits + new string(' ', fill);
        }

        return numeric && spec.Flags.Contains('0', StringComparison.Ordinal) && (spec.Precision is null || "fFeEgG".Contains(spec.Conversion, StringComparison.Ordinal))
            ? sign + new string('0', fill) + digits
            : new string(' ', fill) + sign + digits;
    }

    [GeneratedRegex(@"%%|%(?<flags>[-+ 0#]*)(?<width>\d+)?(?:\.(?<precision>\d*))?(?:hh|h|ll|l|L|q|j|z|t)?(?<conv>[a-zA-Z])")]
    private static partial Regex Conversion();

    private sealed record Spec(string Flags, int Width, int? Precision, char Conversion);
}
