using System.Text;

namespace VmMiddleware.Translation.Condor;

/// <summary>HTCondor's new argument and environment syntax (condor_submit, "arguments" and "environment").</summary>
/// <remarks>The whole value is in double quotes (a literal " is doubled); arguments are separated by spaces; an argument
/// with white space or a single quote is put in single quotes, with a literal ' doubled inside them.</remarks>
public static class CondorArguments
{
    /// <summary>Returns the quoted "arguments" value for <paramref name="arguments"/>.</summary>
    public static string Format(IEnumerable<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return "\"" + string.Join(' ', arguments.Select(Word)).Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>Returns the quoted "environment" value for the NAME=value pairs, in order.</summary>
    public static string FormatEnvironment(IEnumerable<KeyValuePair<string, string>> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        return Format(variables.Select(v => v.Key + "=" + v.Value));
    }

    private static string Word(string argument)
    {
        ArgumentNullException.ThrowIfNull(argument);
        if (argument.Length > 0 && !argument.Any(c => char.IsWhiteSpace(c) || c == '\''))
        {
            return argument;
        }

        var quoted = new StringBuilder("'");
        quoted.Append(argument.Replace("'", "''", StringComparison.Ordinal));
        return quoted.Append('\'').ToString();
    }
}
