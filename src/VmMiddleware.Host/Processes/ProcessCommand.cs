using System.Collections.ObjectModel;

namespace VmMiddleware.Host.Processes;

/// <summary>One program to run to completion: what, with which arguments, where, and what happens to its standard streams.</summary>
/// <param name="Program">The program: a path, or a name looked up in the runner's search path.</param>
/// <param name="Arguments">Its arguments, passed verbatim.</param>
public sealed record ProcessCommand(string Program, IReadOnlyList<string> Arguments)
{
    private static readonly ReadOnlyDictionary<string, string> NoVariables = new(new Dictionary<string, string>(StringComparer.Ordinal));

    /// <summary>Gets the environment that makes tools print in the C locale (<c>LC_ALL=C</c>), for output that is parsed or quoted.</summary>
    public static IReadOnlyDictionary<string, string> CLocale { get; } = new ReadOnlyDictionary<string, string>(new Dictionary<string, string>(StringComparer.Ordinal) { ["LC_ALL"] = "C" });

    /// <summary>Gets the working directory, or null for this process's own.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Gets the variables set in the child on top of the ones it inherits; none by default.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = NoVariables;

    /// <summary>Gets the text written to the child's standard input before it is closed, or null (the default) for an empty input.</summary>
    public string? StandardInput { get; init; }

    /// <summary>Gets whether the child shares this process's standard input, output and error (nothing is captured); false by default.</summary>
    public bool InheritStreams { get; init; }

    /// <summary>Gets a receiver of each line the child writes to standard error as it arrives (the lines are captured as well), or null.</summary>
    public Action<string>? StandardErrorLine { get; init; }

    /// <summary>Gets whether the kernel kills the child when this process dies (see <see cref="ChildProcess"/>); true by default.</summary>
    public bool DiesWithParent { get; init; } = true;

    /// <summary>Gets the command line as a POSIX shell would read it, for messages.</summary>
    public string CommandLine => Describe(Program, Arguments);

    /// <summary>Formats a program and its arguments as one line, quoting only the words a shell would split or expand.</summary>
    internal static string Describe(string program, IEnumerable<string> arguments) =>
        string.Join(' ', arguments.Prepend(program).Select(word => word.Length > 0 && word.All(IsPlain) ? word : ShellQuoting.Quote(word.Replace("\0", string.Empty, StringComparison.Ordinal))));

    private static bool IsPlain(char c) => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '-' or '_' or '=' or ':' or ',' or '+' or '@' or '%';
}
