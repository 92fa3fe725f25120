using System.Diagnostics;
using VmMiddleware.Qemu.Installation;

namespace VmMiddleware.Qemu.Processes;

/// <summary>Starts QEMU so that it dies with its owner: through <c>setpriv --pdeathsig KILL</c>, forked from a thread that lives as long as QEMU.</summary>
/// <remarks>
/// The parent-death signal fires when the forking <em>thread</em> ends, so the fork happens on a dedicated thread that waits for QEMU;
/// if the owning process is killed (even with SIGKILL) the kernel kills QEMU. Without setpriv QEMU is started normally.
/// </remarks>
internal static class ParentBoundStart
{
    public static async Task<QemuProcess> StartAsync(ProcessStartInfo info, Action<string> onConsoleLine)
    {
        var wrapped = Wrap(info);
        var started = new TaskCompletionSource<QemuProcess>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            QemuProcess process;
            try
            {
                process = QemuProcess.Start(wrapped, onConsoleLine);
            }
            catch (Exception e) when (e is ToolFailedException or InvalidOperationException)
            {
                started.SetException(e);
                return;
            }

            started.SetResult(process);
            process.Exited.Wait();
        })
        {
            IsBackground = true,
            Name = "qemu-parent",
        };
        thread.Start();
        return await started.Task.ConfigureAwait(false);
    }

    private static ProcessStartInfo Wrap(ProcessStartInfo info)
    {
        if (QemuInstallation.FindOnPath("setpriv") is not { } setpriv)
        {
            return info;
        }

        var wrapped = new ProcessStartInfo(setpriv) { UseShellExecute = false, WorkingDirectory = info.WorkingDirectory };
        foreach (var argument in new[] { "--pdeathsig", "KILL", "--", info.FileName }.Concat(info.ArgumentList))
        {
            wrapped.ArgumentList.Add(argument);
        }

        wrapped.Environment.Clear();
        foreach (var (name, value) in info.Environment)
        {
            wrapped.Environment[name] = value;
        }

        return wrapped;
    }
}
