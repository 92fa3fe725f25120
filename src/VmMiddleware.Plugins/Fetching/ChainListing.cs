using System.Globalization;

namespace VmMiddleware.Plugins.Fetching;

/// <summary>Parses the service's chain listing: one line per layer, base first, <c>STATE PARENT|- SIZE SHA256</c>.</summary>
public static class ChainListing
{
    /// <summary>Parses <paramref name="text"/>, the listing of image <paramref name="stateId"/>.</summary>
    /// <exception cref="InvalidDataException">A line does not read, the chain is broken or empty, or it does not end at <paramref name="stateId"/>.</exception>
    public static IReadOnlyList<ChainLayer> Parse(string text, string stateId)
    {
        ArgumentNullException.ThrowIfNull(text);
        var layers = new List<ChainLayer>();
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < lines.Length; i++)
        {
            var fields = lines[i].Trim().Split(' ');
            if (fields.Length != 4 || !IsHex(fields[0], 64) || !(fields[1] == "-" || IsHex(fields[1], 64))
                || !long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var size) || !IsHex(fields[3], 64))
            {
                throw new InvalidDataException($"the chain listing's line {i + 1} is not 'STATE PARENT SIZE SHA256': '{lines[i].Trim()}'");
            }

            var parent = fields[1] == "-" ? null : fields[1];
            if (parent != (layers.Count == 0 ? null : layers[^1].StateId))
            {
                throw new InvalidDataException($"the chain listing's line {i + 1}: layer {fields[0]} names parent {fields[1]}, not the line before it");
            }

            layers.Add(new ChainLayer(fields[0], parent, size, fields[3]));
        }

        if (layers.Count == 0 || layers[^1].StateId != stateId)
        {
            throw new InvalidDataException($"the chain listing does not end at image {stateId}");
        }

        return layers;
    }

    private static bool IsHex(string text, int length) => text.Length == length && text.All(char.IsAsciiHexDigitLower);
}
