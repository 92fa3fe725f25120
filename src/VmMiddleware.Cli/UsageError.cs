using System.CommandLine;
using System.CommandLine.Invocation;
using System.Text.RegularExpressions;

namespace VmMiddleware.Cli;

/// <summary>Reports a command line System.CommandLine could not parse as one line on stderr naming the problem and the verb's --help, instead of its default of the errors plus the whole help on stdout.</summary>
internal static partial class UsageError
{
    /// <summary>Returns the one-line message for <paramref name="parse"/> when it failed to parse (and is not a --help request), otherwise null.</summary>
    public static string? Describe(ParseResult parse)
    {
        if (parse.Action is not ParseErrorAction || parse.Errors.Count == 0)
        {
            return null;
        }

        var names = new List<string>();
        for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Insert(0, result.Parent is null ? "vmgrid" : result.Command.Name);
        }

        // A word the parser did not recognize says more than what it then found missing ("frobnicate" before "no command").
        var error = parse.Errors.FirstOrDefault(e => parse.UnmatchedTokens.Any(token => e.Message.Contains($"'{token}'", StringComparison.Ordinal)))
            ?? parse.Errors[0];
        var problem = Whitespace().Replace(error.Message, " ").Trim().TrimEnd('.');
        return $"vmgrid: {problem}; see '{string.Join(' ', names)} --help'";
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
