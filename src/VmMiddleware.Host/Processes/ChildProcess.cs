using System.ComponentModel;
using System.Diagnostics;

namespace VmMiddleware.Host.Processes;

/// <summary>
/// Starts child processes that die with this one: under the <see cref="ParentDeathGuard"/>, forked from a dedicated thread that
/// lives until the child exits. The process runner and the long-lived QEMU both start their children here.
/// </summary>
/// <remarks>
/// Linux sends the parent-death signal when the thread that forked the child ends, and a thread-pool thread may end at any time:
/// hence the dedicated thread, which does nothing but wait for the child.
/// </remarks>
public static class ChildProcess
{
    /// <summary>Starts <paramref name="info"/> (bound to this process when <paramref name="dieWithParent"/> and the guard is available) and returns the running process.</summary>
    /// <param name="info">What to start; <see cref="ProcessStartInfo.UseShellExecute"/> is turned off.</param>
    /// <param name="dieWithParent">Whether the kernel kills the child when this process dies, even by SIGKILL.</param>
    /// <param name="configure">Called with the process before it starts (to subscribe to its output events), or null.</param>
    /// <returns>The started process, with <see cref="Process.EnableRaisingEvents"/> on.</returns>
    /// <exception cref="ProcessFailedException">The program could not be started.</exception>
    public static Process Start(ProcessStartInfo info, bool dieWithParent = true, Action<Process>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(info);
        info.UseShellExecute = false;
        var process = new Process { StartInfo = dieWithParent ? ParentDeathGuard.Wrap(info) : info, EnableRaisingEvents = true };
        configure?.Invoke(process);
        Exception? failure = null;
        using var ready = new ManualResetEventSlim();
        var thread = new Thread(() =>
        {
            Task exited;
            try
            {
                process.Start();
                exited = process.WaitForExitAsync();
            }
            catch (Exception e) when (e is Win32Exception or InvalidOperationException)
            {
                failure = e;
                return;
            }
            finally
            {
                ready.Set();
            }

            try
            {
                exited.Wait();
            }
            catch (AggregateException)
            {
                // The wait failed (the process handle went away): the thread's only job is to outlive the child.
            }
        })
        {
            IsBackground = true,
            Name = "child-parent",
        };
        thread.Start();
        ready.Wait();
        if (failure is not null)
        {
            process.Dispose();
            throw new ProcessFailedException(ProcessCommand.Describe(info.FileName, info.ArgumentList), null, failure.Message, failure);
        }

        return process;
    }
}
