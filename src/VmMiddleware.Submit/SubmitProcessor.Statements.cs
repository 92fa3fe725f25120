using System.Text.RegularExpressions;

namespace VmMiddleware.Submit;

/// <summary>Assignments and the colon statements: include, error, warning and use.</summary>
internal sealed partial class SubmitProcessor
{
    private bool TryKeywordStatement(string text, string file, int line, string directory, int depth)
    {
        var match = KeywordStatement().Match(text);
        if (!match.Success)
        {
            return false;
        }

        var keyword = match.Groups["keyword"].Value.ToLowerInvariant();
        var words = match.Groups["words"].Value.Split(' ', '\t', StringSplitOptions.RemoveEmptyEntries).Select(w => w.ToLowerInvariant()).ToList();
        var rest = match.Groups["rest"].Value.Trim();
        if (keyword != "include" && words.Count > 0)
        {
            return false;
        }

        switch (keyword)
        {
            case "error":
                throw new StatementException(expander.Expand(rest).Trim());
            case "warning":
                warnings.Add($"{file}(line {line}): {expander.Expand(rest).Trim()}");
                return true;
            case "use":
                throw new StatementException($"use {rest} (a submit template) is not supported; write the template's commands out instead");
            default:
                Include(words, rest, directory, depth);
                return true;
        }
    }

    private void Include(List<string> words, string rest, string directory, int depth)
    {
        var unknown = words.FirstOrDefault(w => w is not ("ifexist" or "command" or "into"));
        if (unknown is not null && !words.Contains("into"))
        {
            throw new StatementException($"'{unknown}' is not an include option; expected include [ifexist] : FILE");
        }

        if (words.Contains("command") || rest.EndsWith('|'))
        {
            throw new StatementException("include command is not supported: vmgrid reads submit files without running programs; include a file instead");
        }

        var name = expander.Expand(rest).Trim();
        if (name.Length == 0)
        {
            throw new StatementException("include names no file; expected include : FILE");
        }

        if (depth + 1 > options.MaxIncludeDepth)
        {
            throw new StatementException($"includes nest more than {options.MaxIncludeDepth} levels deep; does '{name}' include itself?");
        }

        var path = Path.GetFullPath(Path.Combine(directory, name));
        string text;
        try
        {
            text = SubmitFile.ReadText(path, name);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            if (words.Contains("ifexist"))
            {
                return;
            }

            throw new StatementException($"cannot include '{name}': the file does not exist (looked in {directory})");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StatementException($"cannot include '{name}': {e.Message}");
        }

        Process(new LineReader(text), name, Path.GetDirectoryName(path) ?? directory, depth + 1);
    }

    private void Assign(string text, LineReader reader, string file, int line)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals < 0)
        {
            if (text.StartsWith('['))
            {
                return;
            }

            throw new StatementException(
                $"'{Shorten(text)}' is not a submit statement; expected NAME = VALUE, queue, if/elif/else/endif or include : FILE");
        }

        var key = text[..equals].TrimEnd();
        var value = text[(equals + 1)..].Trim();
        if (key.EndsWith('@'))
        {
            key = key[..^1].TrimEnd();
            value = ReadHereDoc(reader, key, value);
        }
        else if (key.EndsWith(':'))
        {
            throw new StatementException($"'{key[..^1].TrimEnd()} :=' is not submit syntax; the submit language assigns with '=' (NAME = VALUE)");
        }

        if (!CommandName().IsMatch(key))
        {
            throw new StatementException(
                $"'{key}' is not a valid command name; expected letters, digits, '_' and '.', or +Name / MY.Name for a job attribute");
        }

        macros.Define(key, value, file, line);
        if (key.Equals("executable", StringComparison.OrdinalIgnoreCase))
        {
            executableChanged = true;
        }
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";

    [GeneratedRegex(@"^@?(?<keyword>include|error|warning|use)(?=[\s:])(?<words>[^=:]*):(?<rest>.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex KeywordStatement();

    [GeneratedRegex(@"^(?:\+|[Mm][Yy]\.)?[A-Za-z_][A-Za-z0-9_.]*$")]
    private static partial Regex CommandName();
}
