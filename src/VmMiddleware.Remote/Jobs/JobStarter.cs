using VmMiddleware.Host.Processes;
using VmMiddleware.Remote.Condor;
using VmMiddleware.Remote.Gram;

namespace VmMiddleware.Remote.Jobs;

/// <summary>Starts the job of a translated job directory on this machine and returns at once: the launcher detached from the caller (local), globusrun -b (rsl) or condor_submit (condor).</summary>
/// <param name="processes">Starts sh, setsid, globusrun and condor_submit.</param>
/// <param name="time">The clock for the wait until a detached launcher has written its pid.</param>
public sealed class JobStarter(IProcessRunner processes, TimeProvider time)
{
    /// <summary>Writes <paramref name="ticket"/> into <paramref name="directory"/>, starts the job and returns the ticket with the batch system's handle.</summary>
    /// <param name="directory">The job directory (absolute).</param>
    /// <param name="ticket">The job's ticket; its target says how to start it.</param>
    /// <param name="vmgrid">The command that runs vmgrid here (its path, or dotnet and vmgrid.dll), which supervises a local run.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="RemoteException">The start failed; the message says why.</exception>
    public async Task<JobTicket> StartAsync(string directory, JobTicket ticket, IReadOnlyList<string> vmgrid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        JobDirectory.WriteTicket(directory, ticket);
        switch (ticket.Target)
        {
            case "local":
                await StartDetachedAsync(directory, vmgrid, cancellationToken).ConfigureAwait(false);
                return ticket;
            case "rsl":
                var gatekeeper = ticket.Gatekeeper ?? throw new RemoteException("--to rsl needs a gatekeeper contact (--contact)");
                var contact = await new GramClient(processes).SubmitAsync(gatekeeper, Path.Combine(directory, JobFiles.Rsl), cancellationToken).ConfigureAwait(false);
                ticket = ticket with { GramJob = contact };
                break;
            case "condor":
                var job = await new CondorClient(processes).SubmitAsync(Path.Combine(directory, JobFiles.Submit), cancellationToken).ConfigureAwait(false);
                ticket = ticket with { CondorJob = job };
                break;
            default:
                throw new RemoteException($"--to {ticket.Target} is not a target; expected local, rsl or condor");
        }

        JobDirectory.WriteTicket(directory, ticket);
        return ticket;
    }

    /// <summary>Returns the command line that starts vmgrid job supervise for <paramref name="directory"/> in a session of its own (setsid -f), its streams in the directory, so it outlives the caller and an SSH session.</summary>
    public static IReadOnlyList<string> DetachedCommand(IReadOnlyList<string> vmgrid, string directory) =>
    [
        "/bin/sh", "-c",
        $"cd \"$0\" && exec setsid -f \"$@\" job supervise --job-dir \"$0\" >{JobFiles.LauncherStdout} 2>{JobFiles.LauncherStderr} </dev/null",
        directory, .. vmgrid,
    ];

    private async Task StartDetachedAsync(string directory, IReadOnlyList<string> vmgrid, CancellationToken cancellationToken)
    {
        var command = DetachedCommand(vmgrid, directory);
        // The shell exits as soon as setsid has forked the supervisor, which must outlive this process (and an SSH session).
        var detach = new ProcessCommand(command[0], [.. command.Skip(1)]) { DiesWithParent = false };
        var result = await processes.RunAsync(detach, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new RemoteException($"cannot start the launcher in {directory} (setsid, util-linux, is needed): {(result.StandardError + result.StandardOutput).Trim()}");
        }

        var start = time.GetTimestamp();
        while (JobDirectory.ReadRunPid(directory) is null && JobDirectory.ReadExit(directory) is null)
        {
            if (time.GetElapsedTime(start) > TimeSpan.FromSeconds(60))
            {
                throw new RemoteException($"the launcher in {directory} did not start within 60 s; see {JobFiles.LauncherStderr} there");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), time, cancellationToken).ConfigureAwait(false);
        }
    }
}
