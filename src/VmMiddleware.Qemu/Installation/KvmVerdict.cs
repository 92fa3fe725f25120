using System.Globalization;

namespace VmMiddleware.Qemu.Installation;

/// <summary>Turns a <see cref="KvmProbeReport"/> into the yes/no answer, the one line that says why, and whether the answer lasts.</summary>
internal static class KvmVerdict
{
    public const int ExpectedApiVersion = 12;
    public const int ExitIo = 2;
    public const int ExitHlt = 5;

    /// <summary>
    /// Returns whether KVM works (the guest ran its loops within the CPU budget and halted), why, and whether the answer lasts:
    /// only a verdict of "too slow" proved by the guest's own CPU time holds until the host changes, and only it is worth keeping,
    /// since it is the one that takes the probe tens of milliseconds to reach.
    /// </summary>
    public static (bool Works, string Reason, bool Lasting) From(KvmProbeReport report, TimeSpan budget)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.FailedStep is { } step)
        {
            return (false, $"{step} failed (errno {report.Errno}: {ErrnoName(report.Errno)})", false);
        }

        if (report.ApiVersion != ExpectedApiVersion)
        {
            return (false, $"KVM_GET_API_VERSION is {report.ApiVersion}, not {ExpectedApiVersion}", false);
        }

        var wall = Milliseconds(report.Elapsed);
        var cpu = Milliseconds(report.Cpu);
        if (report.Stop == KvmProbeStop.TooSlow || (report.Stop == KvmProbeStop.None && report.Cpu > budget))
        {
            return (false, $"KVM runs guest code far too slowly: {report.ChunksDone} of {report.ChunksWanted} test loops took {cpu} ms of CPU time "
                + $"({wall} ms in all; budget {budget.TotalMilliseconds:0} ms for all {report.ChunksWanted}, which a working KVM runs in about 1 ms; TCG is faster)", true);
        }

        if (report.Stop == KvmProbeStop.WallLimit)
        {
            return (false, $"the KVM test guest ran only {report.ChunksDone} of {report.ChunksWanted} loops in {wall} ms, using {cpu} ms of CPU time (KVM_RUN waits instead of running it)", false);
        }

        var last = report.ExitReasons.Count == 0 ? -1 : report.ExitReasons[^1];
        if (last != ExitHlt || report.ChunksDone != report.ChunksWanted || report.ExitReasons.Take(report.ExitReasons.Count - 1).Any(r => r != ExitIo))
        {
            return (false, $"the KVM test guest did not run as programmed (exit reasons {string.Join(',', report.ExitReasons)}, {report.ChunksDone} of {report.ChunksWanted} loops)", false);
        }

        return (true, $"a KVM test guest ran {report.ChunksWanted} loops and halted in {wall} ms, {cpu} ms of CPU time (KVM_CREATE_VM, KVM_RUN)", false);
    }

    private static string Milliseconds(TimeSpan time) => time.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture);

    private static string ErrnoName(int errno) => errno switch
    {
        1 => "EPERM",
        2 => "ENOENT",
        6 => "ENXIO",
        12 => "ENOMEM",
        13 => "EACCES",
        19 => "ENODEV",
        22 => "EINVAL",
        25 => "ENOTTY",
        95 => "EOPNOTSUPP",
        _ => "see errno(3)",
    };
}
