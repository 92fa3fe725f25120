using VmMiddleware.Host.Processes;
using VmMiddleware.Remote.Condor;
using VmMiddleware.Remote.Gram;

namespace VmMiddleware.Remote.Jobs;

/// <summary>Follows and stops the job of a job directory on the machine that holds it, whichever way it went: the local launcher, GRAM (globusrun) or HTCondor (condor_q, condor_history).</summary>
/// <param name="processes">Starts globusrun and the HTCondor tools.</param>
/// <param name="time">The clock for waits.</param>
public sealed class JobFollower(IProcessRunner processes, TimeProvider time)
{
    private readonly GramClient gram = new(processes);
    private readonly CondorClient condor = new(processes);

    /// <summary>Returns the job's status and, once it is final, its outputs.</summary>
    /// <exception cref="RemoteException">The directory holds no job, or the batch system cannot be asked.</exception>
    public async Task<JobReport> ReportAsync(string directory, CancellationToken cancellationToken)
    {
        var ticket = JobDirectory.ReadTicket(directory);
        var status = await StatusAsync(directory, ticket, cancellationToken).ConfigureAwait(false);
        return new JobReport(ticket, status, status.IsFinal ? JobDirectory.Outputs(directory) : []);
    }

    /// <summary>Stops the job: marks it cancelled, then SIGINT to the local launcher (SIGKILL after <paramref name="grace"/>; QEMU dies with it), globusrun -k, or condor_rm; returns once it has stopped or the grace is over.</summary>
    /// <exception cref="RemoteException">The directory holds no job, or the batch system refused.</exception>
    public async Task<JobReport> CancelAsync(string directory, TimeSpan grace, CancellationToken cancellationToken)
    {
        var ticket = JobDirectory.ReadTicket(directory);
        var before = await StatusAsync(directory, ticket, cancellationToken).ConfigureAwait(false);
        if (before.IsFinal)
        {
            return new JobReport(ticket, before, JobDirectory.Outputs(directory));
        }

        JobDirectory.MarkCancelled(directory);
        switch (ticket.Target)
        {
            case "local":
                await StopLauncherAsync(directory, grace, cancellationToken).ConfigureAwait(false);
                break;
            case "rsl":
                var (cancelled, message) = await gram.CancelAsync(Require(ticket.GramJob, ticket), cancellationToken).ConfigureAwait(false);
                if (!cancelled && (await StatusAsync(directory, ticket, cancellationToken).ConfigureAwait(false)) is { Native: not "GRAM DONE" and not "GRAM FAILED" })
                {
                    throw new RemoteException($"globusrun -k {ticket.GramJob} failed: {message}");
                }

                await WaitAsync(async () => (await gram.StatusAsync(ticket.GramJob!, cancellationToken).ConfigureAwait(false)).Status is null or { State: "DONE" or "FAILED" }, grace, cancellationToken).ConfigureAwait(false);
                break;
            default:
                var (removed, text) = await condor.RemoveAsync(Require(ticket.CondorJob, ticket), cancellationToken).ConfigureAwait(false);
                if (!removed)
                {
                    throw new RemoteException($"condor_rm {ticket.CondorJob} failed: {text}");
                }

                break;
        }

        return await ReportAsync(directory, cancellationToken).ConfigureAwait(false);
    }

    private async Task<JobStatus> StatusAsync(string directory, JobTicket ticket, CancellationToken cancellationToken)
    {
        var cancelled = JobDirectory.IsCancelled(directory);
        switch (ticket.Target)
        {
            case "local":
                return Local(directory, cancelled);
            case "rsl":
                var (gramStatus, error) = await gram.StatusAsync(Require(ticket.GramJob, ticket), cancellationToken).ConfigureAwait(false);
                var native = gramStatus is { } s ? "GRAM " + s.State : null;
                var result = LauncherVerdict.FromJson(JobDirectory.ReadText(directory, JobFiles.LauncherStdout), native);
                if (cancelled && (result is null || result.State == JobState.Removed))
                {
                    return new JobStatus(JobState.Removed, null, "cancelled with vmgrid cancel", native);
                }

                // The result may arrive during STAGE_OUT, before the other outputs: the job is over only once GRAM says so (or has forgotten it).
                return gramStatus is { State: not ("DONE" or "FAILED") } || result is null ? Gram(gramStatus, native, error) : result;
            default:
                var condorStatus = await condor.StatusAsync(Require(ticket.CondorJob, ticket), cancellationToken).ConfigureAwait(false);
                return cancelled && condorStatus.State == JobState.Removed ? condorStatus with { Reason = "cancelled with vmgrid cancel" } : condorStatus;
        }
    }

    private static JobStatus Local(string directory, bool cancelled)
    {
        if (JobDirectory.ReadExit(directory) is { } code)
        {
            var native = "launcher exited " + code.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var verdict = LauncherVerdict.FromJson(JobDirectory.ReadText(directory, JobFiles.Result), native) ?? LauncherVerdict.FromExitCode(code, native);
            return cancelled && verdict.State is JobState.Removed or JobState.Failed or JobState.Held
                ? new JobStatus(JobState.Removed, null, "cancelled with vmgrid cancel", native)
                : verdict;
        }

        var launcher = JobDirectory.ReadRunPid(directory);
        if (launcher is null)
        {
            return cancelled ? new JobStatus(JobState.Removed, null, "cancelled with vmgrid cancel", null) : new JobStatus(JobState.Idle, null, "the launcher has not started yet", null);
        }

        if (launcher.IsAlive())
        {
            return new JobStatus(cancelled ? JobState.Removed : JobState.Running, null, cancelled ? "cancelled; the launcher is stopping" : null, $"launcher pid {launcher.Pid}");
        }

        return cancelled
            ? new JobStatus(JobState.Removed, null, "cancelled with vmgrid cancel", null)
            : new JobStatus(JobState.Failed, null, $"the launcher (pid {launcher.Pid}) ended without recording an exit code: it was killed", null);
    }

    private static JobStatus Gram((string State, int? ExitCode)? status, string? native, string error) => status?.State switch
    {
        null => new JobStatus(JobState.Failed, null, "globusrun -status gave no state: " + error, null),
        "UNSUBMITTED" or "PENDING" => new JobStatus(JobState.Idle, null, null, native),
        // Files are still coming in before the job reaches the LRM: not running yet (it goes PENDING next).
        "STAGE_IN" => new JobStatus(JobState.Idle, null, "the GRAM job manager is staging the job's files in", native),
        "ACTIVE" or "STAGE_OUT" => new JobStatus(JobState.Running, null, null, native),
        "SUSPENDED" => new JobStatus(JobState.Held, null, "suspended by the GRAM job manager", native),
        "FAILED" => new JobStatus(JobState.Failed, null, "the GRAM job manager reports FAILED", native),
        _ when status.Value.ExitCode is { } code => LauncherVerdict.FromExitCode(code, native) with
        {
            Reason = "the launcher's result did not come back (vmgrid.stdout); GRAM reports exit code " + code,
        },
        _ => new JobStatus(JobState.Failed, null, "GRAM reports DONE, but the launcher's result did not come back (vmgrid.stdout): the job manager may have forgotten the job", native),
    };

    private async Task StopLauncherAsync(string directory, TimeSpan grace, CancellationToken cancellationToken)
    {
        // The launcher may not have written its pid yet: give it a moment.
        await WaitAsync(() => Task.FromResult(JobDirectory.ReadRunPid(directory) is not null || JobDirectory.ReadExit(directory) is not null), TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
        if (JobDirectory.ReadRunPid(directory) is not { } launcher || !launcher.IsAlive())
        {
            return;
        }

        launcher.Signal(PosixSignals.Interrupt);
        if (!await WaitAsync(() => Task.FromResult(!launcher.IsAlive()), grace, cancellationToken).ConfigureAwait(false))
        {
            // QEMU dies with the launcher (parent-death signal), so SIGKILL leaves no VM behind.
            launcher.Signal(PosixSignals.Kill);
            await WaitAsync(() => Task.FromResult(!launcher.IsAlive()), TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<bool> WaitAsync(Func<Task<bool>> done, TimeSpan limit, CancellationToken cancellationToken)
    {
        var start = time.GetTimestamp();
        while (!await done().ConfigureAwait(false))
        {
            if (time.GetElapsedTime(start) > limit)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), time, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    private static string Require(string? handle, JobTicket ticket) =>
        handle ?? throw new RemoteException($"job {ticket.Id}: its ticket has no {(ticket.Target == "rsl" ? "GRAM job contact" : "HTCondor job id")}");
}
