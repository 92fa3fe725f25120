namespace VmMiddleware.Host.Processes;

/// <summary>
/// Runs a program under Linux's SCHED_IDLE policy through chrt(1) (util-linux), which sets the policy and execs the program: the
/// child keeps its process id and the parent-death signal, and gets a core only when no ordinary process wants one. Needs no privilege.
/// </summary>
public static class IdleScheduling
{
    private static readonly Lazy<string?> LazyChrt = new(() => ProgramSearch.Find("chrt", ProgramSearch.SystemDirectories));

    /// <summary>Gets the path of chrt, or null when util-linux's chrt is not installed (the program then runs at its normal priority).</summary>
    public static string? Chrt => LazyChrt.Value;

    /// <summary>Returns <paramref name="program"/> and <paramref name="arguments"/> wrapped in <c>chrt --idle 0</c>, or unchanged when chrt is missing.</summary>
    /// <param name="program">The program to run.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <returns>The program to start and its arguments.</returns>
    public static (string Program, IReadOnlyList<string> Arguments) Wrap(string program, IReadOnlyList<string> arguments)
    {
        ArgumentException.ThrowIfNullOrEmpty(program);
        ArgumentNullException.ThrowIfNull(arguments);
        return Chrt is { } chrt ? (chrt, ["--idle", "0", program, .. arguments]) : (program, arguments);
    }
}
