namespace VmMiddleware.Host.Processes;

/// <summary>The one seam through which the launcher, the factory and the CLI run programs to completion, so unit tests can stand in for them.</summary>
public interface IProcessRunner
{
    /// <summary>Runs <paramref name="command"/> to completion; cancelling stops it (SIGTERM, then SIGKILL to everything it started) and throws.</summary>
    /// <param name="command">What to run.</param>
    /// <param name="cancellationToken">Stops the program.</param>
    /// <returns>The exit code and the captured output; a non-zero exit code is not an exception (see <see cref="ProcessResult.EnsureSuccess"/>).</returns>
    /// <exception cref="ProcessFailedException">The program could not be started (not found, not executable).</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled; the program and its descendants have been stopped.</exception>
    Task<ProcessResult> RunAsync(ProcessCommand command, CancellationToken cancellationToken = default);
}
