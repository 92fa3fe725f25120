using System.Globalization;

namespace VmMiddleware.ClassAds.Syntax;

/// <summary>Number literals: decimal, octal and hex integers, reals with exponents, unit factors.</summary>
internal partial struct Lexer
{
    private Token Number()
    {
        var start = _pos;
        var isReal = false;
        var p = _pos;
        if (_text[p] == '-')
        {
            p++;
            var digitNext = p < _end && IsDigit(_text[p]);
            var dotDigit = p + 1 < _end && _text[p] == '.' && IsDigit(_text[p + 1]);
            if (!digitNext && !dotDigit)
            {
                _pos = p;
                return Make(TokenKind.Minus, start);
            }
        }

        var digitsStart = p;
        var isHex = false;
        if (p < _end && _text[p] == '0' && p + 1 < _end && (_text[p + 1] is 'x' or 'X'))
        {
            isHex = true;
            p += 2;
            if (p >= _end || !char.IsAsciiHexDigit(_text[p]))
            {
                _pos = p;
                return Fail(start, "malformed hexadecimal number: expected a hex digit after 0x");
            }

            while (p < _end && char.IsAsciiHexDigit(_text[p]))
            {
                p++;
            }
        }
        else
        {
            while (p < _end && IsDigit(_text[p]))
            {
                p++;
            }

            var hadDigits = p > digitsStart;
            if (p < _end && _text[p] == '.')
            {
                if (p + 1 < _end && IsDigit(_text[p + 1]))
                {
                    isReal = true;
                    p++;
                    while (p < _end && IsDigit(_text[p]))
                    {
                        p++;
                    }
                }
                else if (!hadDigits)
                {
                    _pos = p + 1;
                    return Make(TokenKind.Selection, start);
                }
                else
                {
                    _pos = p + 1;
                    return Fail(start, "malformed number: expected a digit after the decimal point");
                }
            }

            if (hadDigits || isReal)
            {
                if (p < _end && (_text[p] is 'e' or 'E'))
                {
                    isReal = true;
                    p++;
                    if (p < _end && (_text[p] is '+' or '-'))
                    {
                        p++;
                    }

                    if (p >= _end || !IsDigit(_text[p]))
                    {
                        _pos = p;
                        return Fail(start, "malformed number: expected digits in the exponent");
                    }

                    while (p < _end && IsDigit(_text[p]))
                    {
                        p++;
                    }
                }
            }
        }

        var literal = _text.AsSpan(start, p - start);
        var factor = '\0';
        if (p < _end)
        {
            var f = char.ToUpperInvariant(_text[p]);
            if (f is 'B' or 'K' or 'M' or 'G' or 'T')
            {
                factor = f;
                p++;
            }
        }

        _pos = p;
        if (isReal)
        {
            var real = TryExactReal(literal, out var exact) ? exact : double.Parse(literal, NumberStyles.Float, CultureInfo.InvariantCulture);
            return Token.RealLiteral(start, _line, start - _lineStart + 1, real, factor);
        }

        if (!TryParseInteger(literal, isHex, OldSyntax, out var value, out var problem))
        {
            return Fail(start, problem);
        }

        return Token.IntegerLiteral(start, _line, start - _lineStart + 1, value, factor);
    }

    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
        1e21, 1e22,
    ];

    // Clinger's fast path: with at most 15 digits the digits form an integer below 2^53, and 10^k for k <= 22 is exact,
    // so one IEEE multiplication or division, itself correctly rounded, gives exactly what double.Parse gives.
    // Anything longer, or with a larger scale, is left to double.Parse.
    private static bool TryExactReal(ReadOnlySpan<char> literal, out double value)
    {
        value = 0;
        var negative = literal[0] == '-';
        var i = negative ? 1 : 0;
        long mantissa = 0;
        var digits = 0;
        var scale = 0;
        var afterPoint = false;
        for (; i < literal.Length; i++)
        {
            var c = literal[i];
            if (c == '.')
            {
                afterPoint = true;
                continue;
            }

            if (c is 'e' or 'E')
            {
                break;
            }

            if (++digits > 15)
            {
                return false;
            }

            mantissa = (mantissa * 10) + (c - '0');
            if (afterPoint)
            {
                scale--;
            }
        }

        if (i < literal.Length)
        {
            // The exponent: an optional sign and digits (the lexer has checked the form).
            i++;
            var negativeExponent = literal[i] == '-';
            if (literal[i] is '+' or '-')
            {
                i++;
            }

            if (literal.Length - i > 4)
            {
                return false;
            }

            var exponent = 0;
            for (; i < literal.Length; i++)
            {
                exponent = (exponent * 10) + (literal[i] - '0');
            }

            scale += negativeExponent ? -exponent : exponent;
        }

        if (scale < -22 || scale > 22)
        {
            return false;
        }

        var magnitude = scale < 0 ? mantissa / PowersOfTen[-scale] : mantissa * PowersOfTen[scale];
        value = negative ? -magnitude : magnitude;
        return true;
    }

    private static bool TryParseInteger(ReadOnlySpan<char> literal, bool isHex, bool decimalOnly, out long value, out string problem)
    {
        problem = string.Empty;
        var negative = literal[0] == '-';
        var digits = negative ? literal[1..] : literal;
        var radix = isHex ? 16 : (!decimalOnly && digits.Length > 1 && digits[0] == '0') ? 8 : 10;
        if (isHex)
        {
            digits = digits[2..];
        }

        // Up to 18 decimal (15 hex, 20 octal) digits stay below 2^63: no 128-bit arithmetic and no saturation needed.
        if (digits.Length <= (radix == 10 ? 18 : radix == 16 ? 15 : 20))
        {
            long small = 0;
            foreach (var ch in digits)
            {
                var d = ch <= '9' ? ch - '0' : (char.ToLowerInvariant(ch) - 'a' + 10);
                if (d >= radix)
                {
                    value = 0;
                    problem = "malformed octal number: digit " + ch + " is not octal";
                    return false;
                }

                small = (small * radix) + d;
            }

            value = negative ? -small : small;
            return true;
        }

        UInt128 magnitude = 0;

        foreach (var ch in digits)
        {
            var d = ch <= '9' ? ch - '0' : (char.ToLowerInvariant(ch) - 'a' + 10);
            if (d >= radix)
            {
                value = 0;
                problem = "malformed octal number: digit " + ch + " is not octal";
                return false;
            }

            if (magnitude <= (UInt128)ulong.MaxValue)
            {
                magnitude = (magnitude * (uint)radix) + (uint)d;
            }
        }

        // Like strtoll, values beyond the 64-bit range saturate.
        if (negative)
        {
            value = magnitude > (UInt128)long.MaxValue + 1 ? long.MinValue : (long)(0 - (ulong)magnitude);
        }
        else
        {
            value = magnitude > long.MaxValue ? long.MaxValue : (long)magnitude;
        }

        return true;
    }
}
