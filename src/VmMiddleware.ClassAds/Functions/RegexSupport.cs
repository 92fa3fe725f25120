using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace VmMiddleware.ClassAds.Functions;

/// <summary>Compiles HTCondor (PCRE) patterns onto .NET regular expressions, with a match timeout, and performs substitutions.</summary>
internal static class RegexSupport
{
    /// <summary>The longest a single match may run before the function gives ERROR, guarding against catastrophic patterns.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    private const int MaxCached = 512;
    // Patterns that do not compile are kept too (as null): .NET reports them by throwing, which costs more than compiling.
    private static readonly ConcurrentDictionary<(string Pattern, RegexOptions Options), Regex?> Cache = new();

    /// <summary>Maps HTCondor's option letters: i (ignore case), m (multi-line), s (dot matches newline), x (extended); others,
    /// capitals included (fnCall.cpp regexp_helper looks for lower-case letters only), are ignored.</summary>
    public static RegexOptions Options(string letters)
    {
        var options = RegexOptions.CultureInvariant;
        foreach (var c in letters)
        {
            options |= c switch
            {
                'i' => RegexOptions.IgnoreCase,
                'm' => RegexOptions.Multiline,
                's' => RegexOptions.Singleline,
                'x' => RegexOptions.IgnorePatternWhitespace,
                _ => RegexOptions.None,
            };
        }

        return options;
    }

    /// <summary>Compiles a pattern, or returns null when it is not a valid regular expression.</summary>
    public static Regex? Compile(string pattern, RegexOptions options)
    {
        if (Cache.TryGetValue((pattern, options), out var cached))
        {
            return cached;
        }

        Regex? regex;
        try
        {
            regex = new Regex(pattern, options, MatchTimeout);
        }
        catch (ArgumentException)
        {
            regex = null;
        }

        if (Cache.Count >= MaxCached)
        {
            Cache.Clear();
        }

        Cache[(pattern, options)] = regex;
        return regex;
    }

    /// <summary>Searches <paramref name="target"/>; null when the match timed out.</summary>
    public static bool? IsMatch(Regex regex, string target)
    {
        try
        {
            return regex.IsMatch(target);
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    /// <summary>
    /// Substitutes matches of <paramref name="regex"/> in <paramref name="target"/> with <paramref name="replacement"/>, where
    /// <c>\N</c> is group N. With <paramref name="full"/> the whole target is returned with the replacement(s) applied, else
    /// only the replacement text; with <paramref name="all"/> every match is replaced, else the first.
    /// Returns null (ERROR) when the replacement names a group that did not take part in the match, when the match timed
    /// out, or where fnCall.cpp regexp_helper fails: after an empty match it looks for a non-empty one at the same place,
    /// and if there is none it copies one character (even with no 'f') and searches on, so an empty match at the very
    /// end of the target makes the next search start past the end, which PCRE2 refuses.
    /// </summary>
    public static string? Substitute(Regex regex, string target, string replacement, bool full, bool all)
    {
        var output = new StringBuilder();
        var position = 0;
        var afterEmpty = false;
        try
        {
            while (true)
            {
                if (position > target.Length)
                {
                    return null;
                }

                var match = regex.Match(target, position);
                if (afterEmpty && !(match.Success && match.Index == position && match.Length > 0))
                {
                    if (position == target.Length)
                    {
                        return null;
                    }

                    output.Append(target[position]);
                    position++;
                    afterEmpty = false;
                    continue;
                }

                if (!match.Success)
                {
                    break;
                }

                if (full)
                {
                    output.Append(target, position, match.Index - position);
                }

                if (!Expand(match, replacement, output))
                {
                    return null;
                }

                position = match.Index + match.Length;
                afterEmpty = match.Length == 0;
                if (!all)
                {
                    break;
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }

        if (full)
        {
            output.Append(target, position, target.Length - position);
        }

        return output.ToString();
    }

    private static bool Expand(Match match, string replacement, StringBuilder output)
    {
        // Like PCRE, only groups up to the highest one that took part in the match may be named.
        var groups = 1;
        for (var g = match.Groups.Count - 1; g > 0; g--)
        {
            if (match.Groups[g].Success)
            {
                groups = g + 1;
                break;
            }
        }

        for (var i = 0; i < replacement.Length; i++)
        {
            var c = replacement[i];
            if (c == '\\' && i + 1 < replacement.Length && char.IsAsciiDigit(replacement[i + 1]))
            {
                var n = replacement[++i] - '0';
                if (n >= groups)
                {
                    return false;
                }

                output.Append(match.Groups[n].Value);
                continue;
            }

            output.Append(c);
        }

        return true;
    }
}
