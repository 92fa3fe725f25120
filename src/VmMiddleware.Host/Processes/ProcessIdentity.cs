using System.Globalization;

namespace VmMiddleware.Host.Processes;

/// <summary>A process named by its pid and its start time, so a recycled pid is never mistaken for it.</summary>
/// <param name="Pid">The process id.</param>
/// <param name="StartTicks">The start time in clock ticks since boot (field 22 of /proc/PID/stat).</param>
public sealed record ProcessIdentity(int Pid, long StartTicks)
{
    /// <summary>Reads the identity of a running process, or null when no such process exists.</summary>
    public static ProcessIdentity? Of(int pid)
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
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return fields.Length > 19 && long.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            ? new ProcessIdentity(pid, ticks)
            : null;
    }

    /// <summary>Gets whether this very process is still running (a zombie counts as gone).</summary>
    public bool IsAlive()
    {
        if (Of(Pid) != this)
        {
            return false;
        }

        try
        {
            var state = File.ReadAllText($"/proc/{Pid}/stat");
            return state[state.LastIndexOf(')') + 2] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Sends SIGKILL if this very process is still running; returns whether it was.</summary>
    public bool KillIfAlive()
    {
        if (!IsAlive())
        {
            return false;
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(Pid);
            process.Kill();
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
