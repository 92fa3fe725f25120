namespace VmMiddleware.Submit.JobAds;

/// <summary>What condor_submit knows besides the submit file when it makes a job ad: the job's initial directory and the submit host's platform.</summary>
public sealed record SubmitJobAdOptions
{
    /// <summary>Gets the absolute directory the job is submitted from (Iwd); relative executables resolve against it.</summary>
    public required string Iwd { get; init; }

    /// <summary>Gets the submit host's ARCH (condor_submit's default requirement); X86_64 by default.</summary>
    public string Arch { get; init; } = "X86_64";

    /// <summary>Gets the submit host's OPSYS; LINUX by default.</summary>
    public string OpSys { get; init; } = "LINUX";
}
