using System.Text.Json.Nodes;
using System.Threading.Channels;
using VmMiddleware.Qemu.Launch;
using VmMiddleware.Qemu.Monitor;
using VmMiddleware.Qemu.Processes;
using VmMiddleware.Qemu.Volumes;

namespace VmMiddleware.Qemu.Machines;

/// <summary>A reference-guest VM driven step by step by its owner: the caller's job script and disks, every console line as it arrives, and QMP block operations while it runs. Disposing it kills QEMU.</summary>
/// <remarks>
/// The launcher (<see cref="Launcher"/>) runs one work unit to its end; this is the lower-level piece for programs that talk to a running
/// guest (the image factory's builder VMs). QEMU is bound to the owning process: it is killed when the owner dies, even by SIGKILL.
/// </remarks>
public sealed partial class GuestMachine : IAsyncDisposable
{
    private const int TailLines = 40;
    private readonly Channel<string> _console = Channel.CreateUnbounded<string>();
    private readonly ConsoleRecorder _recorder;
    private readonly string _outputImage;
    private QemuProcess? _process;
    private QmpClient? _qmp;

    private GuestMachine(string consoleLog, string outputImage, string accelerator, bool restored)
    {
        Restored = restored;
        _recorder = new ConsoleRecorder(consoleLog, TailLines);
        _outputImage = outputImage;
        Accelerator = accelerator;
    }

    /// <summary>Gets the serial console, line by line; the channel completes when QEMU has exited.</summary>
    public ChannelReader<string> Console => _console.Reader;

    /// <summary>Gets a task that completes with QEMU's exit code (128 + signal when it was killed).</summary>
    public Task<int> Exited => Process.Exited;

    /// <summary>Gets QEMU's process id.</summary>
    public int Pid => Process.Identity.Pid;

    /// <summary>Gets the accelerator QEMU runs with (kvm or tcg).</summary>
    public string Accelerator { get; }

    /// <summary>Gets whether the machine started from a saved booted guest (boot checkpoint) rather than a cold boot.</summary>
    public bool Restored { get; }

    /// <summary>Gets the last console lines and QEMU's last error lines, for error messages.</summary>
    public string ConsoleTail => _recorder.Tail(_process?.StderrTail);

    private QemuProcess Process => _process ?? throw new InvalidOperationException("QEMU has not been started.");

    private QmpClient Qmp => _qmp ?? throw new QmpException("QEMU exited before its monitor answered: " + ConsoleTail);

    /// <summary>Takes an external snapshot of disk <paramref name="diskId"/>: QEMU creates <paramref name="overlayPath"/> (qcow2, backed by the disk's current top image by absolute path) and writes there from now on.</summary>
    /// <param name="diskId">The drive id of a qcow2 disk.</param>
    /// <param name="overlayPath">The new overlay (absolute; must not exist).</param>
    /// <param name="cancellationToken">Cancels the wait for QEMU's answer.</param>
    public Task SnapshotDiskAsync(string diskId, string overlayPath, CancellationToken cancellationToken) =>
        Qmp.ExecuteAsync(
            "blockdev-snapshot-sync",
            new JsonObject { ["device"] = diskId, ["snapshot-file"] = Path.GetFullPath(overlayPath), ["format"] = "qcow2", ["mode"] = "absolute-paths" },
            cancellationToken);

    /// <summary>Like <see cref="SnapshotDiskAsync"/>, onto an overlay the caller made (QMP mode "existing": its backing name stays as written, QEMU does not open it).</summary>
    public Task SnapshotDiskOntoAsync(string diskId, string existingOverlayPath, CancellationToken cancellationToken) =>
        Qmp.ExecuteAsync(
            "blockdev-snapshot-sync",
            new JsonObject { ["device"] = diskId, ["snapshot-file"] = Path.GetFullPath(existingOverlayPath), ["format"] = "qcow2", ["mode"] = "existing" },
            cancellationToken);

    /// <summary>Grows disk <paramref name="diskId"/>'s top image to <paramref name="sizeBytes"/>; the guest sees the new capacity at once.</summary>
    public Task ResizeDiskAsync(string diskId, long sizeBytes, CancellationToken cancellationToken) =>
        Qmp.ExecuteAsync("block_resize", new JsonObject { ["device"] = diskId, ["size"] = sizeBytes }, cancellationToken);

    /// <summary>After QEMU has exited, extracts the output disk's tar into <paramref name="destination"/> with the launcher's safety rules (no absolute paths, '..', escaping links, devices, oversize files).</summary>
    /// <param name="destination">The directory to create (replaced when it exists).</param>
    /// <param name="maxBytes">The most bytes the outputs may hold, in total and per file.</param>
    /// <exception cref="IOException">The outputs were refused.</exception>
    public void ExtractOutput(string destination, long maxBytes)
    {
        if (!Process.Exited.IsCompleted)
        {
            throw new InvalidOperationException("The output disk is read after QEMU has exited.");
        }

        try
        {
            OutputVolumeReader.Extract(_outputImage, destination, maxBytes, maxBytes);
        }
        catch (OutputRefusedException e)
        {
            throw new IOException("guest output refused: " + e.Message, e);
        }
    }

    /// <summary>Kills QEMU (SIGKILL) and waits up to <paramref name="timeout"/> for it to end.</summary>
    public Task KillAsync(TimeSpan timeout) => Process.KillAndWaitAsync(timeout);

    /// <summary>Closes the monitor, kills QEMU if it still runs and closes the console log.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_qmp is not null)
        {
            await _qmp.DisposeAsync().ConfigureAwait(false);
        }

        _process?.Dispose();
        _recorder.Dispose();

        _console.Writer.TryComplete();
    }

    private void OnConsoleLine(string line)
    {
        if (!_recorder.Record(line))
        {
            return;
        }

        _console.Writer.TryWrite(line.TrimEnd('\r'));
    }
}
