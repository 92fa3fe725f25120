namespace VmMiddleware.Host.Processes;

/// <summary>How a finished process ended and what it printed.</summary>
/// <param name="FileName">The program that ran.</param>
/// <param name="Arguments">Its arguments.</param>
/// <param name="ExitCode">Its exit code.</param>
/// <param name="StandardOutput">Everything it wrote to stdout.</param>
/// <param name="StandardError">Everything it wrote to stderr.</param>
public sealed record ProcessResult(string FileName, IReadOnlyList<string> Arguments, int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Returns this result when the exit code is 0, and throws otherwise.</summary>
    /// <exception cref="ProcessFailedException">The process exited with a non-zero code.</exception>
    public ProcessResult EnsureSuccess() => ExitCode == 0 ? this : throw new ProcessFailedException(this);
}
