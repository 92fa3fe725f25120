using System.Globalization;
using System.Text.Json.Nodes;
using VmMiddleware.Qemu.Monitor;

namespace VmMiddleware.Qemu.Launch;

/// <summary>The watch over a guest that does its own work (HTCondor's vm universe): no markers, no heartbeat; it ends when QEMU exits, and says how the guest shut down.</summary>
/// <remarks>
/// What "booted" means for an opaque image: the guest printed anything on its serial console, wrote to any disk, or read
/// at least <see cref="BootReadOperations"/> blocks (QMP query-blockstats, polled every second until then). Firmware alone
/// reads a disk's first sector or two while it looks for something to boot, so a disk with nothing bootable, or a kernel
/// that dies before it touches a disk and prints nothing, is "never booted" once the boot timeout passes. After that only
/// the wall time limits the guest: silence is not a hang for an image that does not speak the guest contract.
/// </remarks>
internal sealed partial class VmSession
{
    /// <summary>The disk reads that count as a boot: more than a firmware's probe of every disk for a boot sector.</summary>
    public const long BootReadOperations = 64;

    private static readonly TimeSpan BootPoll = TimeSpan.FromSeconds(1);

    /// <summary>Gets how QEMU said the guest shut down (QMP SHUTDOWN reason: guest-shutdown, guest-reset, guest-panic, ...), or null when it did not say.</summary>
    public string? ShutdownReason { get; private set; }

    /// <summary>Watches a self-running guest until QEMU exits, the wall time or boot timeout passes, or the job is evicted or cancelled.</summary>
    public async Task<SessionEnd> WatchSelfRunningAsync(WatchPolicy policy, CancellationToken eviction, CancellationToken cancellation)
    {
        var booted = policy.AlreadyBooted;
        if (booted)
        {
            GuestRunning();
        }

        var nextPoll = _time.GetUtcNow();
        while (true)
        {
            var now = _time.GetUtcNow();
            if (now >= policy.WallDeadline)
            {
                return new SessionEnd(SessionEndKind.TimedOut, null, null, "the wall-time limit passed", booted);
            }

            var bootDeadline = StartedQemuAt + policy.BootTimeout;
            if (!booted && now >= bootDeadline)
            {
                return new SessionEnd(SessionEndKind.NeverBooted, null, null,
                    string.Create(CultureInfo.InvariantCulture, $"no console output and no disk activity within {policy.BootTimeout.TotalSeconds:0.#} s"), false);
            }

            if (eviction.IsCancellationRequested)
            {
                return new SessionEnd(SessionEndKind.Evicted, null, null, "evicted (SIGTERM)", booted);
            }

            if (cancellation.IsCancellationRequested)
            {
                return new SessionEnd(SessionEndKind.Cancelled, null, null, "cancelled", booted);
            }

            if (!booted && now >= nextPoll)
            {
                var sign = Interlocked.Read(ref _consoleLines) > 0 ? "console output" : await DiskActivityAsync(cancellation).ConfigureAwait(false);
                if (sign is not null)
                {
                    booted = true;
                    BootedAt = now;
                    _progress($"booted ({sign})");
                    GuestRunning();
                }

                nextPoll = now + BootPoll;
                continue;
            }

            var next = booted ? policy.WallDeadline : Min(Min(policy.WallDeadline, bootDeadline), nextPoll);
            await WaitForEventAsync(next - now, eviction, cancellation).ConfigureAwait(false);
            while (_events.Reader.TryRead(out var item))
            {
                if (item is int qemuExit)
                {
                    ExitedAt = _time.GetUtcNow();
                    await ReadShutdownReasonAsync().ConfigureAwait(false);
                    if (!booted && Interlocked.Read(ref _consoleLines) > 0)
                    {
                        booted = true;
                        BootedAt = ExitedAt;
                    }

                    return new SessionEnd(SessionEndKind.Exited, null, qemuExit, $"QEMU exited with code {qemuExit}", booted);
                }
            }
        }
    }

    /// <summary>Returns what shows the guest has booted (disk writes, many reads), or null; a monitor that fails says nothing.</summary>
    private async Task<string?> DiskActivityAsync(CancellationToken cancellationToken)
    {
        if (Qmp is null)
        {
            return null;
        }

        try
        {
            var stats = await Qmp.ExecuteAsync("query-blockstats", null, cancellationToken).ConfigureAwait(false) as JsonArray;
            long reads = 0, writes = 0;
            foreach (var device in stats ?? [])
            {
                reads += device?["stats"]?["rd_operations"]?.GetValue<long>() ?? 0;
                writes += device?["stats"]?["wr_operations"]?.GetValue<long>() ?? 0;
            }

            return writes > 0 ? "disk writes" : reads >= BootReadOperations ? "disk reads" : null;
        }
        catch (Exception e) when (e is QmpException or IOException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    // QEMU sends SHUTDOWN just before it exits; the monitor's read loop may still be delivering it when the exit is seen.
    private async Task ReadShutdownReasonAsync()
    {
        if (Qmp is null)
        {
            return;
        }

        await Task.WhenAny(Qmp.Events.Completion, Task.Delay(TimeSpan.FromSeconds(2), _time, CancellationToken.None)).ConfigureAwait(false);
        while (Qmp.Events.TryRead(out var qmpEvent))
        {
            if (qmpEvent.Name == "SHUTDOWN")
            {
                ShutdownReason = qmpEvent.Data?["reason"]?.GetValue<string>();
            }
        }
    }
}
