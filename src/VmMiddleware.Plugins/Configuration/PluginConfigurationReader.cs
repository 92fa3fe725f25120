using VmMiddleware.Host.Sizes;

namespace VmMiddleware.Plugins.Configuration;

/// <summary>
/// Reads the plugin's configuration file: <c>key = value</c> lines, <c>#</c> comments, blank lines. Keys: <c>factory</c> (https://HOST:PORT,
/// what vmimage://factory/ID names), <c>cache-directory</c>, <c>cache-cap</c> (a size such as 20G), <c>credential</c>, <c>private-key</c>,
/// <c>trust-directory</c>, <c>attempts</c>, <c>retry-delay</c> (seconds). Relative paths are relative to the file's directory.
/// </summary>
public static class PluginConfigurationReader
{
    /// <summary>Parses <paramref name="text"/>, read from <paramref name="file"/>, over <paramref name="defaults"/>.</summary>
    /// <exception cref="PluginConfigurationException">A line does not read; the message names the file, line and column.</exception>
    public static PluginOptions Parse(string text, string file, PluginOptions defaults)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(defaults);
        var options = defaults;
        var directory = Path.GetDirectoryName(Path.GetFullPath(file)) ?? "/";
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var body = line.TrimStart();
            if (body.Length == 0 || body[0] == '#')
            {
                continue;
            }

            var column = line.Length - body.Length + 1;
            var equals = body.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new PluginConfigurationException(file, i + 1, column, $"expected 'key = value', found '{body}'");
            }

            var key = body[..equals].Trim();
            var value = body[(equals + 1)..].Trim();
            var valueColumn = column + equals + 1 + (body[(equals + 1)..].Length - body[(equals + 1)..].TrimStart().Length);
            PluginConfigurationException Bad(string what) => new(file, i + 1, valueColumn, $"{key}: '{value}' is not {what}");
            string PathValue() => value.Length == 0 ? throw Bad("a path") : Path.GetFullPath(value, directory);
            options = key switch
            {
                "factory" => options with { Factory = Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps ? uri : throw Bad("an https://HOST:PORT URL") },
                "cache-directory" => options with { CacheRoot = PathValue() },
                "cache-cap" => options with { CapBytes = SizeSyntax.TryParse(value, SizeUnit.Bytes, out var bytes, out _) && bytes > 0 ? bytes : throw Bad(SizeSyntax.Description) },
                "credential" => options with { Credential = PathValue() },
                "private-key" => options with { PrivateKey = PathValue() },
                "trust-directory" => options with { TrustDirectory = PathValue() },
                "attempts" => options with { Attempts = int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 100 ? n : throw Bad("a whole number from 1 to 100") },
                "retry-delay" => options with { RetryDelay = double.TryParse(value, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var s) && s <= 600 ? TimeSpan.FromSeconds(s) : throw Bad("a number of seconds up to 600") },
                _ => throw new PluginConfigurationException(file, i + 1, column, $"unknown key '{key}' (expected factory, cache-directory, cache-cap, credential, private-key, trust-directory, attempts or retry-delay)"),
            };
        }

        return options;
    }
}
