using System.Globalization;
using System.Text.RegularExpressions;

namespace VmMiddleware.Factory.Contracts.Security;

/// <summary>
/// Reads a <c>HASH.signing_policy</c> file of a grid trust directory (the Globus EACL subset every IGTF distribution uses): one or more
/// blocks of <c>access_id_CA X509 'CA subject'</c>, <c>pos_rights globus CA:sign</c> and <c>cond_subjects globus '"pattern" ...'</c>;
/// '#' starts a comment. Anything else is an error naming the line and column.
/// </summary>
internal static partial class SigningPolicyReader
{
    /// <summary>Returns the policies in <paramref name="text"/>, read from <paramref name="source"/>.</summary>
    /// <exception cref="FormatException">The text is not a signing policy; the message names the source, line and column.</exception>
    public static IReadOnlyList<SigningPolicy> Read(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var policies = new List<SigningPolicy>();
        (string Ca, int Line, bool Sign, List<string> Subjects)? block = null;
        var lines = text.Split('\n');
        for (var n = 0; n < lines.Length; n++)
        {
            var line = WithoutComment(lines[n].TrimEnd('\r'));
            var tokens = Token().Matches(line).ToList();
            if (tokens.Count == 0)
            {
                continue;
            }

            FormatException Error(Match at, string what) =>
                new(string.Create(CultureInfo.InvariantCulture, $"{source}(line {n + 1}, column {at.Index + 1}): {what}"));

            string Quoted(Match at) => at.Value is ['\'', .., '\''] && at.Value.Length >= 2 ? at.Value[1..^1] : throw Error(at, $"expected a quoted value, found {at.Value}");

            var keyword = tokens[0];
            switch (keyword.Value)
            {
                case "access_id_CA":
                    if (tokens.Count != 3 || tokens[1].Value != "X509")
                    {
                        throw Error(keyword, "expected access_id_CA X509 '/CA/subject'");
                    }

                    Close();
                    block = (Quoted(tokens[2]), n + 1, false, []);
                    break;
                case "pos_rights" or "neg_rights" or "cond_subjects" when block is null:
                    throw Error(keyword, $"{keyword.Value} before any access_id_CA");
                case "pos_rights":
                    if (tokens.Count != 3 || tokens[1].Value != "globus")
                    {
                        throw Error(keyword, "expected pos_rights globus CA:sign");
                    }

                    block = block!.Value with { Sign = block.Value.Sign || tokens[2].Value == "CA:sign" };
                    break;
                case "neg_rights":
                    block = block!.Value with { Sign = false };
                    break;
                case "cond_subjects":
                    if (tokens.Count != 3 || tokens[1].Value != "globus")
                    {
                        throw Error(keyword, "expected cond_subjects globus '\"/subject/pattern/*\" ...'");
                    }

                    var inner = Quoted(tokens[2]);
                    var patterns = inner.Contains('"', StringComparison.Ordinal)
                        ? [.. Pattern().Matches(inner).Select(m => m.Groups[1].Value)]
                        : inner.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
                    if (patterns.Count == 0)
                    {
                        throw Error(tokens[2], "cond_subjects names no subject pattern");
                    }

                    block.Value.Subjects.AddRange(patterns);
                    break;
                default:
                    throw Error(keyword, $"unknown keyword {keyword.Value}; expected access_id_CA, pos_rights, neg_rights or cond_subjects");
            }
        }

        Close();
        return policies;

        void Close()
        {
            if (block is { } b)
            {
                policies.Add(new SigningPolicy(b.Ca, b.Sign ? b.Subjects : [], string.Create(CultureInfo.InvariantCulture, $"{source} line {b.Line}")));
            }
        }
    }

    // A '#' outside single quotes starts a comment.
    private static string WithoutComment(string line)
    {
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '\'')
            {
                quoted = !quoted;
            }
            else if (line[i] == '#' && !quoted)
            {
                return line[..i];
            }
        }

        return line;
    }

    [GeneratedRegex(@"'[^']*'?|[^\s']+")]
    private static partial Regex Token();

    [GeneratedRegex("\"([^\"]*)\"")]
    private static partial Regex Pattern();
}
