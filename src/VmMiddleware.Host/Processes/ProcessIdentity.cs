using System.Globalization;

namespace VmMiddleware.Host.Processes;

/// <summary>A process named by its pid and its start time, so a recycled pid is never mistaken for it.</summary>
/// <param name="Pid">The process id.</param>
/// <param name="StartTicks">The start time in clock ticks since boot (field 22 of /proc/PID/stat).</param>
public sealed record ProcessIdentity(int Pid, long StartTicks)
{
    /// <summary>Reads the identity of a running process, or null when no such process exists.</summary>
    public static ProcessIdentity? Of(int pid) =>
        StatFields(pid) is { Length: > 19 } fields && long.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            ? new ProcessIdentity(pid, ticks)
            : null;

    /// <summary>Gets whether this very process is still running (a zombie counts as gone).</summary>
    public bool IsAlive() => StatFields(Pid) is { Length: > 19 } fields && fields[0] != "Z" && fields[19] == StartTicks.ToString(CultureInfo.InvariantCulture);

    /// <summary>Sends SIGKILL if this very process is still running; returns whether it was.</summary>
    public bool KillIfAlive() => Signal(PosixSignals.Kill);

    /// <summary>Sends <paramref name="signal"/> if this very process is still running; returns whether it was.</summary>
    public bool Signal(int signal) => IsAlive() && PosixSignals.Send(Pid, signal);

    /// <summary>Returns the fields of /proc/PID/stat after the command name (state first, parent pid second), or null when there is no such process.</summary>
    internal static string[]? StatFields(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        // The command name (field 2) is in parentheses and may hold spaces: count from the last ')'.
        var close = stat.LastIndexOf(')');
        return close < 0 || close + 2 >= stat.Length ? null : stat[(close + 2)..].Split(' ');
    }
}
