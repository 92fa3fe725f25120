using System.Diagnostics;
using System.Text;

namespace VmMiddleware.Host.Processes;

/// <summary>
/// Runs real programs: bound to this process (<see cref="ChildProcess"/>), output captured with bounded memory, and on
/// cancellation SIGTERM to the program and everything it started, then SIGKILL after <see cref="ProcessRunnerOptions.TerminationGrace"/>.
/// </summary>
/// <param name="options">The search path, the grace and the output limit.</param>
public sealed class ProcessRunner(ProcessRunnerOptions options) : IProcessRunner
{
    /// <summary>Gets a runner with the default options (programs looked up in the system directories).</summary>
    public static ProcessRunner Default { get; } = new(new ProcessRunnerOptions());

    /// <inheritdoc/>
    public async Task<ProcessResult> RunAsync(ProcessCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        cancellationToken.ThrowIfCancellationRequested();
        var program = ProgramSearch.Find(command.Program, options.SearchPath)
            ?? throw new ProcessFailedException(command.CommandLine, null, $"{command.Program} is not installed (not found in {string.Join(':', options.SearchPath)})");
        var capture = !command.InheritStreams;
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = command.WorkingDirectory ?? string.Empty,
            RedirectStandardInput = capture,
            RedirectStandardOutput = capture,
            RedirectStandardError = capture,
        };
        foreach (var argument in command.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in command.Environment)
        {
            info.Environment[name] = value;
        }

        using var process = ChildProcess.Start(info, command.DiesWithParent);
        var stdout = capture ? ReadAsync(process.StandardOutput, null) : Task.FromResult(new OutputTail(0));
        var stderr = capture ? ReadAsync(process.StandardError, command.StandardErrorLine) : Task.FromResult(new OutputTail(0));
        if (capture)
        {
            await WriteInputAsync(process.StandardInput, command.StandardInput).ConfigureAwait(false);
        }

        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await StopAsync(process).ConfigureAwait(false);
            // The pipes close once everything that held them is gone; a daemon the program left behind may keep them open.
            await Task.WhenAny(Task.WhenAll(stdout, stderr), Task.Delay(options.TerminationGrace, options.TimeProvider, CancellationToken.None)).ConfigureAwait(false);
            throw;
        }

        var output = await stdout.ConfigureAwait(false);
        var error = await stderr.ConfigureAwait(false);
        return new ProcessResult(command, process.ExitCode, output.ToString(), error.ToString()) { OutputTruncated = output.Truncated || error.Truncated };
    }

    private static async Task WriteInputAsync(StreamWriter input, string? text)
    {
        try
        {
            if (!string.IsNullOrEmpty(text))
            {
                await input.WriteAsync(text).ConfigureAwait(false);
            }

            input.Close();
        }
        catch (IOException)
        {
            // The program exited (or closed its input) without reading everything: its exit code tells the rest.
        }
    }

    /// <summary>SIGTERM to the program and its descendants; SIGKILL to whichever of them still runs after the grace.</summary>
    private async Task StopAsync(Process process)
    {
        var tree = ProcessTree.Of(process.Id);
        foreach (var member in tree)
        {
            member.Signal(PosixSignals.Terminate);
        }

        var exited = process.WaitForExitAsync(CancellationToken.None);
        await Task.WhenAny(exited, Task.Delay(options.TerminationGrace, options.TimeProvider)).ConfigureAwait(false);
        foreach (var member in tree.Concat(exited.IsCompleted ? [] : ProcessTree.Of(process.Id)))
        {
            member.KillIfAlive();
        }

        await exited.ConfigureAwait(false);
    }

    private async Task<OutputTail> ReadAsync(StreamReader reader, Action<string>? onLine)
    {
        var tail = new OutputTail(options.OutputLimit);
        var line = onLine is null ? null : new StringBuilder();
        var buffer = new char[8192];
        int read;
        while ((read = await reader.ReadAsync(buffer.AsMemory(), CancellationToken.None).ConfigureAwait(false)) > 0)
        {
            tail.Append(buffer.AsSpan(0, read));
            if (line is not null)
            {
                SplitLines(buffer.AsSpan(0, read), line, onLine!);
            }
        }

        if (line is { Length: > 0 })
        {
            onLine!(line.ToString());
        }

        return tail;
    }

    private void SplitLines(ReadOnlySpan<char> chunk, StringBuilder line, Action<string> onLine)
    {
        foreach (var c in chunk)
        {
            if (c == '\n' || line.Length >= options.OutputLimit)
            {
                onLine(line.ToString().TrimEnd('\r'));
                line.Clear();
                if (c == '\n')
                {
                    continue;
                }
            }

            line.Append(c);
        }
    }
}
