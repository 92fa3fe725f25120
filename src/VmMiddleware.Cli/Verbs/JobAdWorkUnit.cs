namespace VmMiddleware.Cli.Verbs;

/// <summary>vmgrid run --job-ad: finds the job ad the starter writes into the scratch directory (the work unit is read from it by <see cref="Submit.JobAds.VmJobAdMapper.Read"/>).</summary>
internal static class JobAdWorkUnit
{
    /// <summary>The environment variable through which HTCondor's starter names the job ad.</summary>
    public const string StarterVariable = "_CONDOR_JOB_AD";

    /// <summary>Returns the job ad's file: <paramref name="path"/>, or, when that does not exist, the one $_CONDOR_JOB_AD in <paramref name="environment"/> names.</summary>
    public static FileInfo Locate(FileInfo path, IReadOnlyDictionary<string, string> environment)
    {
        if (path.Exists)
        {
            return path;
        }

        return environment.GetValueOrDefault(StarterVariable) is { Length: > 0 } fromStarter && File.Exists(fromStarter)
            ? new FileInfo(fromStarter)
            : throw new UserErrorException($"{path.FullName}: the job ad does not exist (nor does ${StarterVariable} name one)");
    }
}
