using System.Globalization;

namespace VmMiddleware.Images.Building;

/// <summary>One marker line of a builder VM's console: the agent's BOOTED/EXIT/DONE/AGENT-ERROR, run-actions.sh's ACTION START/END, builder-job.sh's LAYER.</summary>
/// <param name="Kind">Which marker.</param>
/// <param name="SeedName">The action's seed directory name (ACTION markers), else null.</param>
/// <param name="Number">The exit status (ACTION END, EXIT) or the finished action's number (LAYER), else 0.</param>
/// <param name="Text">The error text of AGENT-ERROR, else empty.</param>
internal sealed record BuilderMarker(BuilderMarkerKind Kind, string? SeedName, int Number, string Text)
{
    private const string Prefix = "VMGRID:";

    /// <summary>Parses a console line; returns null for anything that is not a builder marker (heartbeats included).</summary>
    public static BuilderMarker? TryParse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var at = line.IndexOf(Prefix, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var words = line[(at + Prefix.Length)..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return null;
        }

        return words[0] switch
        {
            "BOOTED" => new BuilderMarker(BuilderMarkerKind.Booted, null, 0, string.Empty),
            "DONE" => new BuilderMarker(BuilderMarkerKind.Done, null, 0, string.Empty),
            "AGENT-ERROR" => new BuilderMarker(BuilderMarkerKind.AgentError, null, 0, string.Join(' ', words.Skip(1))),
            "EXIT" when words.Length == 2 && Int(words[1]) is { } rc => new BuilderMarker(BuilderMarkerKind.Exit, null, rc, string.Empty),
            "LAYER" when words.Length == 2 && Int(words[1]) is { } n => new BuilderMarker(BuilderMarkerKind.Layer, null, n, string.Empty),
            "ACTION" when words.Length >= 4 && words[^1] == "START" => new BuilderMarker(BuilderMarkerKind.ActionStart, words[1], 0, string.Empty),
            "ACTION" when words.Length >= 5 && words[^2] == "END" && Int(words[^1]) is { } status => new BuilderMarker(BuilderMarkerKind.ActionEnd, words[1], status, string.Empty),
            _ => null,
        };
    }

    private static int? Int(string text) => int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;
}
