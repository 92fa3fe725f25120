using System.Globalization;
using System.Text.RegularExpressions;

namespace VmMiddleware.Submit;

/// <summary>Parses the arguments of a queue statement (already macro-expanded) into a <see cref="QueuePlan"/>, reading multi-line item lists and item files.</summary>
/// <remarks>
/// The forms are those of the condor_submit manual: queue [count], and queue [count] [vars] in|from|matching [files|dirs] [slice] items.
/// Words before the keyword: the trailing run of identifiers are the variables; anything before them is the count expression.
/// </remarks>
internal static partial class QueueParser
{
    public static QueuePlan Parse(string arguments, LineReader reader, int line, string baseDirectory)
    {
        var keyword = Keyword().Match(arguments);
        if (!keyword.Success)
        {
            return new QueuePlan(ParseCount(arguments.Trim()), [], null);
        }

        var words = Separators().Split(arguments[..keyword.Index].Trim()).Where(w => w.Length > 0).ToList();
        var firstVariable = words.Count;
        while (firstVariable > 0 && Identifier().IsMatch(words[firstVariable - 1]))
        {
            firstVariable--;
        }

        var count = ParseCount(string.Join(' ', words.Take(firstVariable)));
        var variables = words.Skip(firstVariable).ToList();
        var duplicate = variables.GroupBy(v => v, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new StatementException($"queue names the variable '{duplicate.Key}' twice");
        }

        var mode = keyword.Groups["word"].Value.ToLowerInvariant() switch
        {
            "in" => QueueMode.In,
            "from" => QueueMode.From,
            _ => QueueMode.Matching,
        };
        var rest = arguments[(keyword.Index + keyword.Length)..].Trim();
        var kinds = GlobKinds.Both;
        if (mode == QueueMode.Matching && FilesOrDirs().Match(rest) is { Success: true } kindWord)
        {
            kinds = kindWord.Groups[1].Value.StartsWith('f') || kindWord.Groups[1].Value.StartsWith('F') ? GlobKinds.Files : GlobKinds.Directories;
            rest = rest[kindWord.Length..].TrimStart();
        }

        var slice = QueueSlice.Parse(ref rest);
        var items = mode switch
        {
            QueueMode.In => ReadList(rest, reader, line, splitWords: true),
            QueueMode.From => rest.StartsWith('(') ? ReadList(rest, reader, line, splitWords: false) : ReadItemFile(rest, baseDirectory),
            _ => QueueGlob.Match(Separators().Split(rest).Where(w => w.Length > 0).ToList(), kinds, baseDirectory),
        };
        return new QueuePlan(count, variables, slice.Select(items));
    }

    /// <summary>Evaluates the count: empty means 1; otherwise an integer or a ClassAd expression giving one.</summary>
    private static int ParseCount(string text)
    {
        if (text.Length == 0)
        {
            return 1;
        }

        if (!MacroExpander.TryEvaluateInteger(text, out var count))
        {
            throw new StatementException($"queue count '{text}' is not an integer; expected queue [count] [[vars] in|from|matching items]");
        }

        return count is >= 0 and <= int.MaxValue
            ? (int)count
            : throw new StatementException($"queue count {count.ToString(CultureInfo.InvariantCulture)} is out of range; expected 0 or more");
    }

    private static List<string> ReadList(string rest, LineReader reader, int line, bool splitWords)
    {
        var lines = new List<string>();
        if (!rest.StartsWith('('))
        {
            lines.Add(rest);
        }
        else
        {
            var close = rest.LastIndexOf(')');
            if (close > 0)
            {
                if (rest[(close + 1)..].Trim().Length > 0)
                {
                    throw new StatementException($"unexpected text '{rest[(close + 1)..].Trim()}' after the item list's ')'");
                }

                lines.Add(rest[1..close]);
            }
            else
            {
                lines.Add(rest[1..]);
                while (true)
                {
                    var next = reader.ReadRaw()
                        ?? throw new StatementException($"the item list opened with '(' on line {line} has no closing ')'; expected a line starting with ')'");
                    if (next.Text.TrimStart().StartsWith(')'))
                    {
                        break;
                    }

                    lines.Add(next.Text);
                }
            }
        }

        var kept = lines.Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'));
        return splitWords ? [.. kept.SelectMany(l => Separators().Split(l)).Where(w => w.Length > 0)] : [.. kept];
    }

    private static List<string> ReadItemFile(string name, string baseDirectory)
    {
        if (name.Length == 0)
        {
            throw new StatementException("queue from names no file; expected queue [vars] from FILE or from ( lines )");
        }

        if (name.EndsWith('|'))
        {
            throw new StatementException($"queue from a command ('{name}') is not supported: vmgrid reads submit files without running programs");
        }

        var path = Path.GetFullPath(Path.Combine(baseDirectory, name));
        try
        {
            return [.. SubmitFile.ReadText(path, name, SubmitFile.MaxItemFileBytes).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StatementException($"cannot read the queue item file '{name}': {(e is FileNotFoundException or DirectoryNotFoundException ? "the file does not exist" : e.Message)}");
        }
    }

    [GeneratedRegex(@"(?:^|(?<=[\s,]))(?<word>in|from|matching)(?=$|[\s(\[])", RegexOptions.IgnoreCase)]
    private static partial Regex Keyword();

    [GeneratedRegex(@"[\s,]+")]
    private static partial Regex Separators();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_.]*$")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"^(files|dirs)(?=\s|$)", RegexOptions.IgnoreCase)]
    private static partial Regex FilesOrDirs();
}
