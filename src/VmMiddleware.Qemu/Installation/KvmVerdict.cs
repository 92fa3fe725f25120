using System.Globalization;

namespace VmMiddleware.Qemu.Installation;

/// <summary>Turns a <see cref="KvmProbeReport"/> into the yes/no answer and the one line that says why.</summary>
internal static class KvmVerdict
{
    public const int ExpectedApiVersion = 12;
    public const int ExitIo = 2;
    public const int ExitHlt = 5;

    /// <summary>Returns whether KVM works (the guest ran its loops at speed and halted) and why.</summary>
    public static (bool Works, string Reason) From(KvmProbeReport report, TimeSpan budget)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.FailedStep is { } step)
        {
            return (false, $"{step} failed (errno {report.Errno}: {ErrnoName(report.Errno)})");
        }

        if (report.ApiVersion != ExpectedApiVersion)
        {
            return (false, $"KVM_GET_API_VERSION is {report.ApiVersion}, not {ExpectedApiVersion}");
        }

        var ms = report.Elapsed.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture);
        if (report.GaveUp)
        {
            return (false, $"KVM runs guest code far too slowly: {report.ChunksDone} of {report.ChunksWanted} test loops in {ms} ms (budget {budget.TotalMilliseconds:0} ms; TCG is faster)");
        }

        var last = report.ExitReasons.Count == 0 ? -1 : report.ExitReasons[^1];
        if (last != ExitHlt || report.ChunksDone != report.ChunksWanted || report.ExitReasons.Take(report.ExitReasons.Count - 1).Any(r => r != ExitIo))
        {
            return (false, $"the KVM test guest did not run as programmed (exit reasons {string.Join(',', report.ExitReasons)}, {report.ChunksDone} of {report.ChunksWanted} loops)");
        }

        return (true, $"a KVM test guest ran {report.ChunksWanted} loops and halted in {ms} ms (KVM_CREATE_VM, KVM_RUN)");
    }

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
