using System.Globalization;
using VmMiddleware.Host.Processes;
using VmMiddleware.Remote.Jobs;

namespace VmMiddleware.Remote.Condor;

/// <summary>Submits, follows and removes HTCondor jobs with condor_submit, condor_q, condor_history and condor_rm, through the process seam.</summary>
/// <param name="processes">Starts the HTCondor tools (looked up on PATH).</param>
public sealed class CondorClient(IProcessRunner processes)
{
    /// <summary>Returns the command line that submits <paramref name="submitFile"/> from its own directory (its files are named relative to it).</summary>
    public static IReadOnlyList<string> SubmitCommand(string submitFile) =>
        ["/bin/sh", "-c", "cd \"$(dirname \"$0\")\" && exec condor_submit \"$(basename \"$0\")\"", submitFile];

    /// <summary>Returns the command line that asks the queue for job <paramref name="job"/> (CLUSTER.PROC).</summary>
    public static IReadOnlyList<string> QueueCommand(string job) => ["condor_q", "-json", "-attributes", CondorJobAd.Attributes, job];

    /// <summary>Returns the command line that asks the history for job <paramref name="job"/>.</summary>
    public static IReadOnlyList<string> HistoryCommand(string job) => ["condor_history", "-json", "-limit", "1", "-attributes", CondorJobAd.Attributes, job];

    /// <summary>Returns the command line that removes job <paramref name="job"/>.</summary>
    public static IReadOnlyList<string> RemoveCommand(string job) => ["condor_rm", job];

    /// <summary>Runs condor_submit on <paramref name="submitFile"/> and returns the job id CLUSTER.0.</summary>
    /// <exception cref="RemoteException">condor_submit failed or reported no cluster.</exception>
    public async Task<string> SubmitAsync(string submitFile, CancellationToken cancellationToken)
    {
        var result = await Run(SubmitCommand(submitFile), cancellationToken).ConfigureAwait(false);
        return result.ExitCode == 0 && CondorOutput.SubmittedCluster(result.StandardOutput) is { } cluster
            ? cluster.ToString(CultureInfo.InvariantCulture) + ".0"
            : throw new RemoteException($"condor_submit {submitFile} failed (exit {result.ExitCode}): {result.StandardError.Trim()}");
    }

    /// <summary>Returns where job <paramref name="job"/> stands: from the queue, else from the history.</summary>
    /// <exception cref="RemoteException">Neither the queue nor the history knows the job, or a tool failed.</exception>
    public async Task<JobStatus> StatusAsync(string job, CancellationToken cancellationToken)
    {
        foreach (var command in new[] { QueueCommand(job), HistoryCommand(job) })
        {
            var result = await Run(command, cancellationToken).ConfigureAwait(false);
            if (result.ExitCode != 0)
            {
                throw new RemoteException($"{command[0]} failed (exit {result.ExitCode}): {result.StandardError.Trim()}");
            }

            if (CondorOutput.FirstJob(result.StandardOutput) is { } ad)
            {
                return Map(ad);
            }
        }

        throw new RemoteException($"HTCondor knows no job {job}: neither condor_q nor condor_history lists it");
    }

    /// <summary>Removes job <paramref name="job"/>; returns condor_rm's message when it failed.</summary>
    public async Task<(bool Removed, string Message)> RemoveAsync(string job, CancellationToken cancellationToken)
    {
        var result = await Run(RemoveCommand(job), cancellationToken).ConfigureAwait(false);
        return (result.ExitCode == 0, (result.StandardError + result.StandardOutput).Trim());
    }

    /// <summary>Maps a job ad onto the one state vocabulary.</summary>
    public static JobStatus Map(CondorJobAd ad)
    {
        ArgumentNullException.ThrowIfNull(ad);
        var native = "HTCondor JobStatus " + ad.JobStatus.ToString(CultureInfo.InvariantCulture);
        return ad.JobStatus switch
        {
            1 => new JobStatus(JobState.Idle, null, null, native),
            2 or 6 => new JobStatus(JobState.Running, null, null, native),
            3 => new JobStatus(JobState.Removed, null, ad.RemoveReason, native),
            4 when ad.ExitBySignal => new JobStatus(JobState.Failed, null, $"the launcher died by signal {ad.ExitSignal}", native),
            4 when ad.ExitCode is { } code => LauncherVerdict.FromExitCode(code, native),
            4 => new JobStatus(JobState.Failed, null, "completed without an exit code", native),
            5 => new JobStatus(JobState.Held, null, ad.HoldReason ?? "held", native),
            7 => new JobStatus(JobState.Held, null, "suspended", native),
            _ => new JobStatus(JobState.Failed, null, "unknown JobStatus", native),
        };
    }

    private Task<ProcessResult> Run(IReadOnlyList<string> command, CancellationToken cancellationToken) =>
        processes.RunToolAsync(command[0], [.. command.Skip(1)], cancellationToken);
}
