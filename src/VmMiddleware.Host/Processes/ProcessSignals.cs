using System.Runtime.InteropServices;

namespace VmMiddleware.Host.Processes;

/// <summary>Sends a POSIX signal to one process, which .NET offers only as SIGKILL (Process.Kill).</summary>
public static partial class ProcessSignals
{
    /// <summary>SIGINT: the launcher stops its VM and exits 143.</summary>
    public const int Interrupt = 2;

    /// <summary>SIGKILL.</summary>
    public const int Kill = 9;

    /// <summary>SIGTERM: the launcher checkpoints its VM (eviction) or stops it.</summary>
    public const int Terminate = 15;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="identity"/> if that very process still runs; returns whether it was sent.</summary>
    public static bool Send(ProcessIdentity identity, int signal)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return identity.IsAlive() && SendSignal(identity.Pid, signal) == 0;
    }

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int SendSignal(int pid, int signal);
}
