namespace VmMiddleware.Host.Processes;

/// <summary>Shorthands for the commonest kind of run: a tool whose output the caller reads.</summary>
public static class ProcessRunnerExtensions
{
    /// <summary>Runs <paramref name="program"/> with <paramref name="arguments"/> in the C locale (<see cref="ProcessCommand.CLocale"/>), its output captured.</summary>
    /// <param name="runner">The runner.</param>
    /// <param name="program">The program: a path, or a name looked up in the runner's search path.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="cancellationToken">Stops the program.</param>
    /// <returns>The exit code and the output; a non-zero exit code is not an exception.</returns>
    public static Task<ProcessResult> RunToolAsync(this IProcessRunner runner, string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runner);
        return runner.RunAsync(new ProcessCommand(program, arguments) { Environment = ProcessCommand.CLocale }, cancellationToken);
    }
}
