using System.Globalization;

namespace VmMiddleware.ClassAds.Printing;

/// <summary>Formats reals exactly as HTCondor's unparser does with C's printf (<c>%1.15E</c> new syntax, <c>%.16G</c> old syntax).</summary>
/// <remarks>Everything is written into a caller's span: the unparser prints reals without intermediate strings.</remarks>
internal static class RealFormatter
{
    /// <summary>The most characters any real prints as (a sign, 16 digits, a point, 19 decimals and ".0" is the worst case).</summary>
    public const int MaxLength = 64;

    public static string Format(double d, bool oldSyntax)
    {
        Span<char> buffer = stackalloc char[MaxLength];
        return new string(buffer[..Write(buffer, d, oldSyntax)]);
    }

    /// <summary>Writes the real as <see cref="Format"/> prints it into <paramref name="dest"/> (at least <see cref="MaxLength"/> long); returns the length.</summary>
    public static int Write(Span<char> dest, double d, bool oldSyntax)
    {
        if (d == 0.0)
        {
            return Copy(dest, double.IsNegative(d) ? "-0.0" : "0.0");
        }

        if (double.IsNaN(d))
        {
            return Copy(dest, "real(\"NaN\")");
        }

        if (double.IsInfinity(d))
        {
            return Copy(dest, d < 0 ? "real(\"-INF\")" : "real(\"INF\")");
        }

        return oldSyntax ? WriteG16(dest, d) : WriteE15(dest, d);
    }

    /// <summary>printf("%.15E"): one digit, a point, fifteen digits, and an exponent of at least two digits.</summary>
    public static string FormatE15(double d)
    {
        Span<char> buffer = stackalloc char[MaxLength];
        return new string(buffer[..WriteE15(buffer, d)]);
    }

    /// <summary>printf("%.16G"), with ".0" appended when the result would read as an integer.</summary>
    public static string FormatG16(double d)
    {
        Span<char> buffer = stackalloc char[MaxLength];
        return new string(buffer[..WriteG16(buffer, d)]);
    }

    /// <summary>C's %.PG: fixed notation when -4 &lt;= exponent &lt; P, else scientific; trailing zeros removed.</summary>
    public static string CFormatG(double d, int precision)
    {
        Span<char> buffer = stackalloc char[MaxLength + precision];
        return new string(buffer[..WriteCFormatG(buffer, d, precision)]);
    }

    private static int WriteE15(Span<char> dest, double d)
    {
        d.TryFormat(dest, out var n, "E15", CultureInfo.InvariantCulture);
        var e = dest[..n].IndexOf('E');
        var exponent = int.Parse(dest[(e + 1)..n], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return e + 1 + WriteExponent(dest[(e + 1)..], exponent);
    }

    private static int WriteG16(Span<char> dest, double d)
    {
        var n = WriteCFormatG(dest, d, 16);
        if (dest[..n].IndexOfAny('.', 'E', 'e') < 0)
        {
            dest[n++] = '.';
            dest[n++] = '0';
        }

        return n;
    }

    private static int WriteCFormatG(Span<char> dest, double d, int precision)
    {
        var sciFormat = precision switch
        {
            16 => "E15",
            6 => "E5",
            _ => "E" + (precision - 1).ToString(CultureInfo.InvariantCulture),
        };
        d.TryFormat(dest, out var n, sciFormat, CultureInfo.InvariantCulture);
        var e = dest[..n].IndexOf('E');
        var exponent = int.Parse(dest[(e + 1)..n], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        if (exponent < -4 || exponent >= precision)
        {
            var m = TrimZeros(dest[..e]);
            dest[m] = 'E';
            return m + 1 + WriteExponent(dest[(m + 1)..], exponent);
        }

        // C's fixed branch prints precision - 1 - exponent decimals: the same correctly rounded significant digits as
        // the scientific form just made, so they are moved into place rather than formatted a second time.
        return TrimZeros(dest[..FixedFromScientific(dest, e, exponent)]);
    }

    // Rewrites "[-]d.ddd…" (the mantissa, mantissaEnd long) with exponent -4 <= x < digit count as fixed notation in place.
    private static int FixedFromScientific(Span<char> dest, int mantissaEnd, int exponent)
    {
        var sign = dest[0] == '-' ? 1 : 0;
        Span<char> digits = stackalloc char[MaxLength];
        var count = 0;
        for (var i = sign; i < mantissaEnd; i++)
        {
            if (dest[i] != '.')
            {
                digits[count++] = dest[i];
            }
        }

        var n = sign;
        if (exponent < 0)
        {
            dest[n++] = '0';
            dest[n++] = '.';
            for (var z = 0; z < -exponent - 1; z++)
            {
                dest[n++] = '0';
            }

            digits[..count].CopyTo(dest[n..]);
            return n + count;
        }

        digits[..(exponent + 1)].CopyTo(dest[n..]);
        n += exponent + 1;
        if (count > exponent + 1)
        {
            dest[n++] = '.';
            digits[(exponent + 1)..count].CopyTo(dest[n..]);
            n += count - exponent - 1;
        }

        return n;
    }

    // C prints the exponent's sign and at least two digits.
    private static int WriteExponent(Span<char> dest, int exponent)
    {
        dest[0] = exponent < 0 ? '-' : '+';
        var magnitude = Math.Abs(exponent);
        var n = 1;
        if (magnitude < 10)
        {
            dest[n++] = '0';
        }

        magnitude.TryFormat(dest[n..], out var digits, default, CultureInfo.InvariantCulture);
        return n + digits;
    }

    // The length of s without trailing zeros after a decimal point (and without the point if nothing follows it).
    private static int TrimZeros(ReadOnlySpan<char> s)
    {
        if (s.IndexOf('.') < 0)
        {
            return s.Length;
        }

        var n = s.TrimEnd('0').Length;
        return s[n - 1] == '.' ? n - 1 : n;
    }

    private static int Copy(Span<char> dest, string s)
    {
        s.CopyTo(dest);
        return s.Length;
    }
}
