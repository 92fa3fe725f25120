using System.Diagnostics;
using System.Globalization;

namespace VmMiddleware.Integration.Tests.Factory;

/// <summary>
/// Evidence of where a load run's client-side time goes: CPU used by the test process and by the service process over the run, the
/// test process's garbage collections and GC pause time, its thread-pool queue, and how late a 10 ms timer in it fires (how long
/// ready work in the test process waits for a thread and a core).
/// </summary>
internal sealed class LoadProbe : IAsyncDisposable
{
    private readonly int _servicePid;
    private readonly TimeSpan _clientCpu = Process.GetCurrentProcess().TotalProcessorTime;
    private readonly TimeSpan _serviceCpu;
    private readonly int[] _collections = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
    private readonly TimeSpan _pause = GC.GetTotalPauseDuration();
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<double> _timerLateness = [];
    private readonly Task _sampler;
    private long _queueSum;
    private long _queueMax;
    private long _samples;

    private LoadProbe(int servicePid)
    {
        _servicePid = servicePid;
        _serviceCpu = ProcessCpu(servicePid);
        _sampler = Task.Run(SampleAsync);
    }

    /// <summary>Starts measuring the test process and the service process <paramref name="servicePid"/>.</summary>
    public static LoadProbe Start(int servicePid) => new(servicePid);

    /// <summary>Stops measuring and describes the run; <paramref name="calls"/> is how many calls the clients made meanwhile.</summary>
    public async Task<string> StopAsync(int calls)
    {
        var elapsed = Stopwatch.GetElapsedTime(_started);
        var clientCpu = Process.GetCurrentProcess().TotalProcessorTime - _clientCpu;
        var serviceCpu = ProcessCpu(_servicePid) - _serviceCpu;
        await _stop.CancelAsync();
        await _sampler;
        List<double> lateness;
        lock (_timerLateness)
        {
            lateness = [.. _timerLateness.Order()];
        }

        var gcs = string.Join('/', _collections.Select((c, g) => GC.CollectionCount(g) - c));
        return string.Create(CultureInfo.InvariantCulture,
            $"evidence over {elapsed.TotalSeconds:F1} s, {calls} calls: test process CPU {clientCpu.TotalMilliseconds / calls:F2} ms per call ({clientCpu.TotalMilliseconds / elapsed.TotalMilliseconds * 100:F0}% of one core), service process CPU {serviceCpu.TotalMilliseconds / calls:F2} ms per call ({serviceCpu.TotalMilliseconds / elapsed.TotalMilliseconds * 100:F0}% of one core); test process GCs gen0/1/2 {gcs}, pause {(GC.GetTotalPauseDuration() - _pause).TotalMilliseconds:F0} ms in all; thread-pool queue mean {(double)_queueSum / Math.Max(1, _samples):F1} max {_queueMax}, threads {ThreadPool.ThreadCount}; 10 ms timer late by p50 {FactoryLoadTests.Percentile(lateness, 0.5):F1} ms p99 {FactoryLoadTests.Percentile(lateness, 0.99):F1} ms max {(lateness.Count > 0 ? lateness[^1] : 0):F1} ms");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampler;
        _stop.Dispose();
    }

    // utime + stime of one process, in clock ticks of 10 ms (fields 14 and 15 of /proc/PID/stat, counted after the command's closing parenthesis).
    private static TimeSpan ProcessCpu(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return TimeSpan.FromMilliseconds((long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 10);
    }

    private async Task SampleAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var before = Stopwatch.GetTimestamp();
            try
            {
                await Task.Delay(10, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var late = Stopwatch.GetElapsedTime(before).TotalMilliseconds - 10;
            var queue = ThreadPool.PendingWorkItemCount;
            lock (_timerLateness)
            {
                _timerLateness.Add(late);
            }

            _queueSum += queue;
            _queueMax = Math.Max(_queueMax, queue);
            _samples++;
        }
    }
}
