using System.Globalization;

namespace VmMiddleware.Host.Progress;

/// <summary>Bytes moved against a total, with the rate and the time left: the progress of one upload, download or copy.</summary>
/// <remarks>Not thread-safe: one transfer reports from one thread. The rate is the average since <see cref="Start"/>, which is
/// steadier than an instantaneous one over links whose throughput comes in bursts (SSH windows, page-cache flushes).</remarks>
public sealed class TransferProgress
{
    private readonly TimeProvider time;
    private readonly long started;

    /// <summary>Initializes a transfer of <paramref name="totalBytes"/> bytes of which <paramref name="alreadyDoneBytes"/> were moved before (a resumed transfer).</summary>
    /// <param name="label">What is moved, such as "upload" or a file name.</param>
    /// <param name="totalBytes">The bytes the whole transfer moves, resumed part included.</param>
    /// <param name="alreadyDoneBytes">The bytes already in place when this transfer starts; they count as done but not towards the rate.</param>
    /// <param name="time">The clock.</param>
    public TransferProgress(string label, long totalBytes, long alreadyDoneBytes, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        Label = label;
        TotalBytes = totalBytes;
        Start = alreadyDoneBytes;
        DoneBytes = alreadyDoneBytes;
        this.time = time;
        started = time.GetTimestamp();
    }

    /// <summary>Gets what is moved.</summary>
    public string Label { get; }

    /// <summary>Gets the bytes of the whole transfer.</summary>
    public long TotalBytes { get; }

    /// <summary>Gets the bytes that were in place before this transfer started.</summary>
    public long Start { get; }

    /// <summary>Gets the bytes in place now.</summary>
    public long DoneBytes { get; private set; }

    /// <summary>Gets the time since this transfer started.</summary>
    public TimeSpan Elapsed => time.GetElapsedTime(started);

    /// <summary>Gets the average rate in bytes per second since the start, or 0 before any time has passed.</summary>
    public double BytesPerSecond => Elapsed.TotalSeconds > 0 ? (DoneBytes - Start) / Elapsed.TotalSeconds : 0;

    /// <summary>Gets the time left at the average rate, or null while the rate is unknown.</summary>
    public TimeSpan? Remaining => BytesPerSecond > 0 ? TimeSpan.FromSeconds((TotalBytes - DoneBytes) / BytesPerSecond) : null;

    /// <summary>Records that <paramref name="bytes"/> more bytes were moved.</summary>
    public void Add(long bytes) => DoneBytes += bytes;

    /// <summary>Records that <paramref name="doneBytes"/> bytes are in place in all.</summary>
    public void Set(long doneBytes) => DoneBytes = doneBytes;

    /// <summary>Returns one line such as "upload: 12.0 of 40.0 MiB (30%), 8.1 MiB/s, 3 s left".</summary>
    public override string ToString()
    {
        var percent = TotalBytes > 0 ? (int)(DoneBytes * 100 / TotalBytes) : 100;
        var remaining = Remaining is { } left ? $", {Seconds(left)} left" : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"{Label}: {MiB(DoneBytes)} of {MiB(TotalBytes)} MiB ({percent}%), {MiB((long)BytesPerSecond)} MiB/s{remaining}");
    }

    private static string MiB(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan t) => t.TotalSeconds < 100
        ? Math.Ceiling(t.TotalSeconds).ToString(CultureInfo.InvariantCulture) + " s"
        : Math.Ceiling(t.TotalMinutes).ToString(CultureInfo.InvariantCulture) + " min";
}
