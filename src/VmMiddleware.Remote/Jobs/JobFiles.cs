namespace VmMiddleware.Remote.Jobs;

/// <summary>The files a job directory holds besides the shipped job (src/VmMiddleware.Translation/README.md) and what the launcher writes (src/VmMiddleware.Qemu/README.md).</summary>
public static class JobFiles
{
    /// <summary>The job's ticket (<see cref="JobTicket"/>).</summary>
    public const string Ticket = "vmgrid-job.json";

    /// <summary>The local launcher's pid and start time, "PID STARTTICKS", written by the process that runs it.</summary>
    public const string RunPid = "vmgrid-run.pid";

    /// <summary>The local launcher's result, as vmgrid run --json prints it.</summary>
    public const string Result = "result.json";

    /// <summary>The local launcher's process exit code, written last.</summary>
    public const string Exit = "vmgrid-exit";

    /// <summary>Present once vmgrid cancel was asked for the job.</summary>
    public const string Cancelled = "vmgrid-cancelled";

    /// <summary>The launcher's stdout; for a GRAM job its --json result, staged back.</summary>
    public const string LauncherStdout = "vmgrid.stdout";

    /// <summary>The launcher's stderr (progress lines).</summary>
    public const string LauncherStderr = "vmgrid.stderr";

    /// <summary>The output directory.</summary>
    public const string Outputs = "out";

    /// <summary>The GRAM request in a job directory.</summary>
    public const string Rsl = "job.rsl";

    /// <summary>The HTCondor submit description in a job directory.</summary>
    public const string Submit = "job.sub";
}
