using VmMiddleware.ClassAds.Syntax;

namespace VmMiddleware.ClassAds;

/// <summary>Reading ClassAds from text in new (<c>[ a = 1; ]</c>) or old (<c>a = 1</c> per line) syntax.</summary>
public sealed partial class ClassAd
{
    // Sizing from a count of separators is capped, so that text full of blank lines or semicolons in strings cannot
    // make a large empty table; real ads (a slot ad has about 200 attributes) stay below it.
    private const int MaxPresized = 512;

    /// <summary>Parses one ClassAd, detecting new or old syntax from the first significant character; an
    /// <c>absTime("...")</c> without a zone is read in <paramref name="clock"/>'s local zone (the system's when null).</summary>
    public static ClassAd Parse(string text, string? source = null, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return IsNewSyntax(text) ? ParseNewSyntax(text, source, clock) : ParseOldSyntax(text, source, clock);
    }

    /// <summary>Parses one ClassAd in new syntax: <c>[ name = expr; ... ]</c>; <paramref name="clock"/> as for <see cref="Parse"/>.</summary>
    public static ClassAd ParseNewSyntax(string text, string? source = null, TimeProvider? clock = null)
    {
        // Attributes are separated by semicolons, so their count bounds the attributes (strings and nested ads only
        // make it an overestimate): the table is sized once instead of growing while parsing.
        var parser = Parser.Rent(text, source, clock: clock);
        var ad = parser.ParseAdBody(out _, Math.Min(text.AsSpan().Count(';') + 1, MaxPresized));
        parser.Expect(TokenKind.EndOfInput, "end of input after the ClassAd");
        parser.ThrowIfFailed();
        Parser.Return(parser);
        return ad;
    }

    /// <summary>Parses a sequence of new-syntax ClassAds (<c>[ ... ] [ ... ]</c>, separated by white space or comments), as HTCondor's
    /// multi-file transfer plugins read and write them; <paramref name="clock"/> as for <see cref="Parse"/>.</summary>
    /// <exception cref="ClassAdParseException">The text is not a sequence of ads; the exception names the line and column.</exception>
    public static IReadOnlyList<ClassAd> ParseNewSyntaxSequence(string text, string? source = null, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new Parser(text, source, clock: clock);
        var ads = new List<ClassAd>();
        while (!parser.Failed && parser.Current.Kind != TokenKind.EndOfInput)
        {
            ads.Add(parser.ParseAdBody(out _));
        }

        parser.ThrowIfFailed();
        return ads;
    }

    /// <summary>Parses one ClassAd in old syntax: one <c>name = expr</c> per line, as <c>condor_q -long</c> prints;
    /// <paramref name="clock"/> as for <see cref="Parse"/>.</summary>
    public static ClassAd ParseOldSyntax(string text, string? source = null, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(text);

        // At most one attribute per line: sized from the line count, the table does not grow while parsing.
        var ad = new ClassAd(Math.Min(text.AsSpan().Count('\n') + 1, MaxPresized));
        var lineNumber = 0;
        var start = 0;
        Parser? parser = null;
        while (start <= text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0)
            {
                end = text.Length;
            }

            lineNumber++;
            var first = start;
            while (first < end && text[first] is ' ' or '\t' or '\r')
            {
                first++;
            }

            if (first < end && text[first] != '#')
            {
                ParseOldLine(ad, text, first, end, lineNumber, start, source, clock, ref parser);
            }

            start = end + 1;
        }

        if (parser is not null)
        {
            Parser.Return(parser);
        }

        return ad;
    }

    /// <summary>Parses the old-syntax line <c>name = expr</c> that spans [<paramref name="first"/>, <paramref name="end"/>) of <paramref name="text"/>.</summary>
    private static void ParseOldLine(ClassAd ad, string text, int first, int end, int lineNumber, int lineStart, string? source, TimeProvider? clock, ref Parser? parser)
    {
        var eq = text.IndexOf('=', first, end - first);
        var nameEnd = eq;
        while (nameEnd > first && text[nameEnd - 1] is ' ' or '\t')
        {
            nameEnd--;
        }

        if (eq < 0 || nameEnd == first)
        {
            throw new ClassAdParseException(lineNumber, first - lineStart + 1, "expected 'name = expression'", source);
        }

        var nameSpan = text.AsSpan(first, nameEnd - first);
        if (!IsIdentifier(nameSpan))
        {
            throw new ClassAdParseException(lineNumber, first - lineStart + 1, "invalid attribute name '" + nameSpan.ToString() + "'", source);
        }

        var name = NameTable.Intern(nameSpan);
        if (parser is null)
        {
            parser = Parser.Rent(text, source, eq + 1, oldSyntax: true, end: end, lineStart: lineStart, clock: clock);
        }
        else
        {
            parser.Reset(eq + 1, end, lineStart);
        }

        var expr = parser.ParseFullExpression();
        parser.Expect(TokenKind.EndOfInput, "end of line after the value of ", name.Name);
        if (parser.Failed)
        {
            // The parser counts lines from the start of this one.
            throw new ClassAdParseException(lineNumber, parser.Failure.Column, parser.Failure.Problem, source);
        }

        ad.InsertParsed(name, expr, parser.SawNestedAds);
    }

    private static bool IsNewSyntax(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] is '/' or '*')
            {
                var end = text[i + 1] == '/' ? text.IndexOf('\n', i) : text.IndexOf("*/", i + 2, StringComparison.Ordinal) + 1;
                if (end <= 0)
                {
                    return false;
                }

                i = end + 1;
            }
            else
            {
                return c == '[';
            }
        }

        return false;
    }

    internal static bool IsIdentifier(string name) => IsIdentifier(name.AsSpan());

    internal static bool IsIdentifier(ReadOnlySpan<char> name)
    {
        if (name.Length == 0 || !(char.IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }
}
