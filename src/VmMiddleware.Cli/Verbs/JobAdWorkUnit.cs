using VmMiddleware.ClassAds;
using VmMiddleware.ClassAds.Syntax;
using VmMiddleware.Submit;
using VmMiddleware.Submit.JobAds;
using VmMiddleware.WorkUnits;

namespace VmMiddleware.Cli.Verbs;

/// <summary>vmgrid run --job-ad: the work unit of an HTCondor vm-universe job, read from the job ad the starter writes into the scratch directory.</summary>
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

    /// <summary>Reads the VM-universe work unit from the job ad <paramref name="file"/>; disk and kernel files resolve against <paramref name="workDirectory"/>.</summary>
    public static WorkUnit Read(FileInfo file, string workDirectory)
    {
        ClassAd ad;
        try
        {
            ad = ClassAd.Parse(File.ReadAllText(file.FullName), file.FullName);
        }
        catch (ClassAdParseException e)
        {
            throw new UserErrorException($"{file.FullName}: not a job ad: {e.Message}", e);
        }
        catch (IOException e)
        {
            throw new UserErrorException($"cannot read {file.FullName}: {e.Message}", e);
        }

        try
        {
            return VmJobAdMapper.Map(ad, file.FullName, workDirectory);
        }
        catch (SubmitFileException e)
        {
            throw new UserErrorException(e.Message, e);
        }
    }
}
