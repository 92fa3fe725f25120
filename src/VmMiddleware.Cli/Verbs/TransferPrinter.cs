using VmMiddleware.Host.Progress;

namespace VmMiddleware.Cli.Verbs;

/// <summary>Prints a transfer's progress on stderr at most once a second, and once at the end.</summary>
internal sealed class TransferPrinter(TimeProvider time)
{
    private long last = long.MinValue;

    public void Report(TransferProgress progress)
    {
        var now = time.GetTimestamp();
        if (progress.DoneBytes < progress.TotalBytes && last != long.MinValue && time.GetElapsedTime(last, now) < TimeSpan.FromSeconds(1))
        {
            return;
        }

        last = now;
        Console.Error.WriteLine("vmgrid: " + progress);
    }
}
