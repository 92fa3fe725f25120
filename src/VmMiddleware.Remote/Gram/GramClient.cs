using VmMiddleware.Host.Processes;

namespace VmMiddleware.Remote.Gram;

/// <summary>Submits, polls and cancels GRAM5 jobs with the Globus client tools (globusrun), through the process seam.</summary>
/// <param name="processes">Starts globusrun.</param>
/// <param name="globusrun">The globusrun program (a path, or a name looked up on PATH).</param>
public sealed class GramClient(IProcessRunner processes, string globusrun = "globusrun")
{
    /// <summary>Submits the RSL file <paramref name="rslPath"/> to <paramref name="gatekeeper"/> in batch mode and returns the job contact at once.</summary>
    /// <exception cref="RemoteException">globusrun refused the job (its message is kept).</exception>
    public async Task<string> SubmitAsync(string gatekeeper, string rslPath, CancellationToken cancellationToken)
    {
        var result = await processes.RunToolAsync(globusrun, ["-b", "-r", gatekeeper, "-f", rslPath], cancellationToken).ConfigureAwait(false);
        return result.ExitCode == 0 && GramStatusParser.Contact(result.StandardOutput) is { } contact
            ? contact
            : throw new RemoteException($"globusrun -b -r {gatekeeper} refused the job (exit {result.ExitCode}): {LastLine(result)}");
    }

    /// <summary>Returns the job manager's state name and exit code for <paramref name="contact"/>, or null with the error when globusrun gave none.</summary>
    public async Task<((string State, int? ExitCode)? Status, string Error)> StatusAsync(string contact, CancellationToken cancellationToken)
    {
        var result = await processes.RunToolAsync(globusrun, ["-status", contact], cancellationToken).ConfigureAwait(false);
        return (GramStatusParser.Parse(result.StandardOutput), LastLine(result));
    }

    /// <summary>Asks the job manager to cancel <paramref name="contact"/>; returns false with globusrun's message when it refused.</summary>
    public async Task<(bool Cancelled, string Message)> CancelAsync(string contact, CancellationToken cancellationToken)
    {
        var result = await processes.RunToolAsync(globusrun, ["-k", contact], cancellationToken).ConfigureAwait(false);
        return (result.ExitCode == 0, LastLine(result));
    }

    private static string LastLine(ProcessResult result) =>
        (result.StandardError + "\n" + result.StandardOutput).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is { Length: > 0 } lines ? lines[^1] : "no output";
}
