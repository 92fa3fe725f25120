using System.ComponentModel;
using System.Diagnostics;
using VmMiddleware.Host.Processes;

namespace VmMiddleware.Qemu.Processes;

/// <summary>A running QEMU whose serial console is its standard output; disposing it kills QEMU, so no emulator outlives its owner.</summary>
internal sealed class QemuProcess : IDisposable
{
    private const int StderrLines = 20;
    private readonly Process _process;
    private readonly Queue<string> _stderr = new();
    private readonly Lock _gate = new();

    private QemuProcess(Process process, Task<int> exited)
    {
        _process = process;
        Exited = exited;
        Identity = ProcessIdentity.Of(process.Id) ?? new ProcessIdentity(process.Id, 0);
    }

    /// <summary>Gets the identity (pid and start time) of the QEMU process.</summary>
    public ProcessIdentity Identity { get; }

    /// <summary>Gets a task that completes with QEMU's exit code (128 + signal when it was killed) once it has exited and its output is drained.</summary>
    public Task<int> Exited { get; }

    /// <summary>Gets the last lines QEMU wrote to its standard error.</summary>
    public string StderrTail
    {
        get
        {
            lock (_gate)
            {
                return string.Join('\n', _stderr);
            }
        }
    }

    /// <summary>
    /// Starts QEMU bound to this process (<see cref="ParentDeathGuard"/>): if vmgrid dies, even by SIGKILL, the kernel kills QEMU.
    /// Every console line (QEMU's stdout) goes to <paramref name="onConsoleLine"/>.
    /// </summary>
    /// <remarks>
    /// The parent-death signal fires when the forking thread ends, and a thread-pool thread may end at any time: the fork
    /// happens on a dedicated thread that waits for QEMU to exit.
    /// </remarks>
    public static QemuProcess Start(ProcessStartInfo info, Action<string> onConsoleLine)
    {
        ArgumentNullException.ThrowIfNull(info);
        var guarded = ParentDeathGuard.Wrap(info);
        QemuProcess? started = null;
        Exception? failure = null;
        using var ready = new ManualResetEventSlim();
        var thread = new Thread(() =>
        {
            try
            {
                started = StartHere(guarded, info.FileName, onConsoleLine);
            }
            catch (Exception e) when (e is ToolFailedException or InvalidOperationException)
            {
                failure = e;
            }
            finally
            {
                ready.Set();
            }

            try
            {
                started?.Exited.Wait();
            }
            catch (AggregateException)
            {
                // The wait failed (the process handle went away): the thread's only job is to outlive QEMU.
            }
        })
        {
            IsBackground = true,
            Name = "qemu-parent",
        };
        thread.Start();
        ready.Wait();
        return started ?? throw failure!;
    }

    private static QemuProcess StartHere(ProcessStartInfo info, string program, Action<string> onConsoleLine)
    {
        info.UseShellExecute = false;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.RedirectStandardInput = true;
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        QemuProcess? self = null;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                onConsoleLine(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null && self is not null)
            {
                self.AddStderr(e.Data);
            }
        };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            process.Dispose();
            throw new ToolFailedException($"cannot start QEMU ({program}): {e.Message}", e);
        }

        var exited = WaitAsync(process);
        self = new QemuProcess(process, exited);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return self;
    }

    /// <summary>Kills QEMU (SIGKILL) if it is still running.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>Kills QEMU and waits up to <paramref name="timeout"/> for it to be reaped.</summary>
    public async Task KillAndWaitAsync(TimeSpan timeout)
    {
        Kill();
        await Task.WhenAny(Exited, Task.Delay(timeout)).ConfigureAwait(false);
    }

    /// <summary>Kills QEMU if needed and releases the process handle.</summary>
    public void Dispose()
    {
        Kill();
        try
        {
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }

        _process.Dispose();
    }

    private static async Task<int> WaitAsync(Process process)
    {
        await process.WaitForExitAsync().ConfigureAwait(false);
        return process.ExitCode;
    }

    private void AddStderr(string line)
    {
        lock (_gate)
        {
            _stderr.Enqueue(line);
            while (_stderr.Count > StderrLines)
            {
                _stderr.Dequeue();
            }
        }
    }
}
