using System.Globalization;

namespace VmMiddleware.Qemu.Launch;

/// <summary>One VMGRID: marker read from the serial console, with its argument (heartbeat number, exit code, error text).</summary>
/// <param name="Kind">Which marker.</param>
/// <param name="Argument">The text after the marker word, trimmed; empty when there is none.</param>
internal sealed record ConsoleMarker(MarkerKind Kind, string Argument)
{
    private const string Prefix = "VMGRID:";

    /// <summary>Gets the argument as an integer (exit code, heartbeat count), or null when it is not one.</summary>
    public int? Number => int.TryParse(Argument.Split(' ', 2)[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>Parses a console line; firmware escape sequences before the marker are ignored.</summary>
    public static ConsoleMarker? TryParse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var at = line.IndexOf(Prefix, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var rest = line[(at + Prefix.Length)..].TrimEnd('\r', ' ');
        var space = rest.IndexOf(' ', StringComparison.Ordinal);
        var word = space < 0 ? rest : rest[..space];
        var argument = space < 0 ? string.Empty : rest[(space + 1)..].Trim();
        MarkerKind? kind = word switch
        {
            "BOOTED" => MarkerKind.Booted,
            "WAITING" => MarkerKind.Waiting,
            "START" => MarkerKind.Start,
            "HEARTBEAT" => MarkerKind.Heartbeat,
            "EXIT" => MarkerKind.Exit,
            "DONE" => MarkerKind.Done,
            "AGENT-ERROR" => MarkerKind.AgentError,
            _ => null,
        };
        return kind is { } k ? new ConsoleMarker(k, argument) : null;
    }
}
