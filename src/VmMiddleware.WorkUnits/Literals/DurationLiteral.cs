using System.Diagnostics.CodeAnalysis;
using System.Xml;

namespace VmMiddleware.WorkUnits.Literals;

/// <summary>Parses and formats positive xs:duration literals such as PT10M, PT30S or P1DT2H.</summary>
internal static class DurationLiteral
{
    /// <summary>Describes a valid duration, for error messages.</summary>
    public const string Expectation = "an xs:duration such as PT10M, PT30S or P1DT2H";

    /// <summary>Parses <paramref name="text"/> into a positive duration, or says what is wrong with it.</summary>
    public static bool TryParse(string text, out TimeSpan duration, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        duration = TimeSpan.Zero;
        var datePart = text.Split('T')[0];
        if (datePart.Contains('Y', StringComparison.Ordinal) || datePart.Contains('M', StringComparison.Ordinal))
        {
            problem = $"'{text}' uses years or months, which have no fixed length; expected days, hours, minutes or seconds, e.g. P1D or PT10M";
            return false;
        }

        try
        {
            duration = XmlConvert.ToTimeSpan(text);
        }
        catch (FormatException)
        {
            problem = $"'{text}' is not a duration; expected {Expectation}";
            return false;
        }
        catch (OverflowException)
        {
            problem = $"'{text}' is too long a duration; expected at most about 29000 years";
            return false;
        }

        if (duration <= TimeSpan.Zero)
        {
            problem = $"'{text}' is not positive; expected a duration greater than zero";
            return false;
        }

        problem = null;
        return true;
    }

    /// <summary>Formats a duration as an xs:duration literal.</summary>
    public static string Format(TimeSpan duration) => XmlConvert.ToString(duration);
}
