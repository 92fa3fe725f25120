using System.Globalization;

namespace VmMiddleware.ClassAds.Printing;

/// <summary>Formats reals exactly as HTCondor's unparser does with C's printf (<c>%1.15E</c> new syntax, <c>%.16G</c> old syntax).</summary>
internal static class RealFormatter
{
    public static string Format(double d, bool oldSyntax)
    {
        if (d == 0.0)
        {
            return double.IsNegative(d) ? "-0.0" : "0.0";
        }

        if (double.IsNaN(d))
        {
            return "real(\"NaN\")";
        }

        if (double.IsInfinity(d))
        {
            return d < 0 ? "real(\"-INF\")" : "real(\"INF\")";
        }

        return oldSyntax ? FormatG16(d) : FormatE15(d);
    }

    /// <summary>printf("%.15E"): one digit, a point, fifteen digits, and an exponent of at least two digits.</summary>
    public static string FormatE15(double d)
    {
        var s = d.ToString("E15", CultureInfo.InvariantCulture);
        var e = s.IndexOf('E', StringComparison.Ordinal);
        var exponent = int.Parse(s.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var sign = exponent < 0 ? '-' : '+';
        var digits = Math.Abs(exponent).ToString(CultureInfo.InvariantCulture).PadLeft(2, '0');
        return string.Concat(s.AsSpan(0, e), "E", sign.ToString(), digits);
    }

    /// <summary>printf("%.16G"), with ".0" appended when the result would read as an integer.</summary>
    public static string FormatG16(double d)
    {
        var s = CFormatG(d, 16);
        if (s.AsSpan().IndexOfAny('.', 'E', 'e') < 0)
        {
            s += ".0";
        }

        return s;
    }

    /// <summary>C's %.PG: fixed notation when -4 &lt;= exponent &lt; P, else scientific; trailing zeros removed.</summary>
    public static string CFormatG(double d, int precision)
    {
        var sci = d.ToString("E" + (precision - 1).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var e = sci.IndexOf('E', StringComparison.Ordinal);
        var exponent = int.Parse(sci.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        if (exponent < -4 || exponent >= precision)
        {
            var mantissa = TrimZeros(sci[..e]);
            var sign = exponent < 0 ? '-' : '+';
            return mantissa + "E" + sign + Math.Abs(exponent).ToString(CultureInfo.InvariantCulture).PadLeft(2, '0');
        }

        var decimals = Math.Max(0, precision - 1 - exponent);
        return TrimZeros(d.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
    }

    private static string TrimZeros(string s)
    {
        if (s.IndexOf('.', StringComparison.Ordinal) < 0)
        {
            return s;
        }

        s = s.TrimEnd('0');
        return s.EndsWith('.') ? s[..^1] : s;
    }
}
