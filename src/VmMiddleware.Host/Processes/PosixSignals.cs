using System.Runtime.InteropServices;

namespace VmMiddleware.Host.Processes;

/// <summary>kill(2), which .NET offers only for SIGKILL (<see cref="System.Diagnostics.Process.Kill()"/>).</summary>
public static partial class PosixSignals
{
    /// <summary>SIGINT: the launcher stops its VM and exits 143.</summary>
    public const int Interrupt = 2;

    /// <summary>SIGKILL.</summary>
    public const int Kill = 9;

    /// <summary>SIGTERM: the launcher checkpoints its VM (eviction) or stops it.</summary>
    public const int Terminate = 15;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; returns false when there is no such process (or it is not ours).</summary>
    public static bool Send(int pid, int signal) => pid > 0 && SendSignal(pid, signal) == 0;

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int SendSignal(int pid, int signal);
}
