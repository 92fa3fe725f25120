using System.Globalization;

namespace VmMiddleware.Remote.Gram;

/// <summary>Reads what <c>globusrun -status CONTACT</c> prints: a GRAM5 state name (PENDING, ACTIVE, DONE, ...), for DONE an "exit code: N" line when the job manager has the scheduler event generator.</summary>
public static class GramStatusParser
{
    private static readonly string[] States = ["UNSUBMITTED", "STAGE_IN", "PENDING", "ACTIVE", "SUSPENDED", "STAGE_OUT", "DONE", "FAILED"];

    /// <summary>Returns the state name and exit code, or null when the output names no state (globusrun printed ERROR or nothing).</summary>
    public static (string State, int? ExitCode)? Parse(string stdout)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        string? state = null;
        int? exitCode = null;
        foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (States.Contains(line, StringComparer.Ordinal))
            {
                state = line;
            }
            else if (line.StartsWith("exit code:", StringComparison.Ordinal)
                && int.TryParse(line["exit code:".Length..].Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var code))
            {
                exitCode = code;
            }
        }

        return state is null ? null : (state, exitCode);
    }

    /// <summary>Returns the job contact (https://HOST:PORT/ID/STAMP/) that <c>globusrun -b</c> prints, or null.</summary>
    public static string? Contact(string stdout)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .LastOrDefault(line => line.StartsWith("https://", StringComparison.Ordinal) && !line.Contains(' ', StringComparison.Ordinal));
    }
}
