namespace VmMiddleware.Host.Processes;

/// <summary>The seam through which VmMiddleware starts tools, so unit tests can stand in for them.</summary>
public interface IProcessRunner
{
    /// <summary>Runs <paramref name="fileName"/> to completion, capturing stdout and stderr; cancelling kills the process tree.</summary>
    /// <param name="fileName">The program (a name looked up on PATH, or a path).</param>
    /// <param name="arguments">Its arguments, passed verbatim.</param>
    /// <param name="cancellationToken">Cancels and kills the process.</param>
    /// <returns>The exit code and output.</returns>
    Task<ProcessResult> RunAsync(string fileName, IReadOnlyList<string> arguments, CancellationToken cancellationToken = default);
}
