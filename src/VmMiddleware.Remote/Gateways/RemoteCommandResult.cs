namespace VmMiddleware.Remote.Gateways;

/// <summary>What a command run on the gateway returned.</summary>
/// <param name="ExitCode">Its exit status (-1 when the gateway sent none, e.g. the command died by a signal).</param>
/// <param name="Stdout">Its standard output.</param>
/// <param name="Stderr">Its standard error.</param>
public sealed record RemoteCommandResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Returns the last non-empty line of stderr (or stdout), for a one-line error.</summary>
    public string LastLine => (Stderr + "\n" + Stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is { Length: > 0 } lines
        ? lines[^1]
        : "no output";
}
