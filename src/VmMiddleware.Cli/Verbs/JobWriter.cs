using VmMiddleware.Translation.Dag;
using VmMiddleware.Translation.Input;
using VmMiddleware.Translation.Staging;
using VmMiddleware.WorkUnits;

namespace VmMiddleware.Cli.Verbs;

/// <summary>Maps translate's and submit's --to onto the staging library (<see cref="JobStaging"/>), which writes the job directory; its refusals are user errors.</summary>
internal static class JobWriter
{
    /// <summary>Creates <paramref name="directory"/> with the job for <paramref name="input"/> in form <paramref name="to"/> and returns the job description's path; with <paramref name="factory"/>, condor and dag jobs name the images it holds as vmimage:// URLs.</summary>
    public static async Task<string> WriteAsync(JobInput input, string to, string directory, ShippedArtifacts artifacts, string? stageUrl, IFactoryContent? factory, Action<string> progress, CancellationToken cancellationToken)
    {
        try
        {
            var target = JobStaging.RequireNewDirectory(directory);
            if (to == "dag" && DagNodeLog.IsRefused(target))
            {
                // The directory can still be moved before condor_submit_dag (the DAG names its files relatively); submit refuses it.
                progress("warning: " + DagNodeLog.Reason(target) + "; move the directory out of /tmp before condor_submit_dag");
            }

            return await JobStaging.BuildInPlaceAsync(target, (staging, token) => to switch
            {
                "condor" => JobStaging.WriteCondorAsync(Require(input.WorkUnit, input, to), staging, artifacts, factory, progress, token),
                "dag" => JobStaging.WriteDagAsync(input.Workflow ?? throw new UserErrorException($"{input.Path}: --to dag needs a workflow file (urn:vmmiddleware:workflow:1)"), staging, artifacts, factory, progress, token),
                "rsl" => JobStaging.WriteRslAsync(Require(input.WorkUnit, input, to), staging, target, artifacts, stageUrl, progress, token),
                _ => throw new UserErrorException($"--to {to} is not a job form; expected condor, dag or rsl"),
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (JobStagingException e)
        {
            throw new UserErrorException(e.Message, e);
        }
    }

    private static WorkUnit Require(WorkUnit? unit, JobInput input, string to) =>
        unit ?? throw new UserErrorException($"{input.Path}: --to {to} needs one work unit; a workflow translates --to dag");
}
