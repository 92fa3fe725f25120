namespace VmMiddleware.Host.Processes;

/// <summary>How a finished process ended and what it printed (each stream kept up to the runner's limit, its tail when longer).</summary>
/// <param name="Command">The command that ran.</param>
/// <param name="ExitCode">Its exit code (128 + the signal number when a signal ended it).</param>
/// <param name="StandardOutput">What it wrote to standard output (empty when the streams were inherited).</param>
/// <param name="StandardError">What it wrote to standard error (empty when the streams were inherited).</param>
public sealed record ProcessResult(ProcessCommand Command, int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Gets whether either stream was longer than the runner's limit, so that only its tail is kept.</summary>
    public bool OutputTruncated { get; init; }

    /// <summary>Returns this result when the exit code is 0, and throws otherwise.</summary>
    /// <returns>This result.</returns>
    /// <exception cref="ProcessFailedException">The process exited with a non-zero code.</exception>
    public ProcessResult EnsureSuccess() => ExitCode == 0 ? this : throw new ProcessFailedException(Command.CommandLine, ExitCode, StandardError);
}
