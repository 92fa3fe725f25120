using System.Globalization;
using System.Net;
using VmMiddleware.Host.Sizes;

namespace VmMiddleware.Factory.Configuration;

/// <summary>Reads the service's configuration file: <c>key = value</c> lines, <c>#</c> comments; unknown keys and bad values are positioned errors.</summary>
public static class SettingsReader
{
    /// <summary>The keys the file may set, with what each one takes (for error messages and the README).</summary>
    public static readonly IReadOnlyDictionary<string, string> Keys = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["listen"] = "ADDRESS:PORT",
        ["certificate"] = "a PEM file",
        ["private-key"] = "a PEM file",
        ["trust-directory"] = "a directory",
        ["grid-mapfile"] = "a file",
        ["data-directory"] = "a directory",
        ["store-directory"] = "a directory",
        ["store-cap"] = "a size",
        ["bases"] = "base names separated by commas",
        ["build-concurrency"] = "a whole number from 1 to 64",
        ["guest-directory"] = "a directory",
        ["cache-directory"] = "a directory",
        ["artifact-directory"] = "a directory",
        ["builder-memory"] = "a size",
        ["max-request"] = "a size",
        ["max-xml-depth"] = "a whole number from 8 to 1024",
        ["quota-builds"] = "a whole number from 1 to 10000",
        ["quota-bytes"] = "a size",
        ["public-url"] = "an https URL",
    };

    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <exception cref="SettingsFormatException">The file cannot be read, or a line is invalid.</exception>
    public static ServiceSettings Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SettingsFormatException(path, 0, 0, "cannot read the file: " + e.Message, e);
        }

        return Parse(text, path);
    }

    /// <summary>Parses configuration text; <paramref name="source"/> names it in messages; relative paths resolve against the file's directory.</summary>
    public static ServiceSettings Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var directory = Path.GetDirectoryName(Path.GetFullPath(source)) ?? "/";
        var settings = new ServiceSettings();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var builds = new Dictionary<string, int>(StringComparer.Ordinal);
        var bytes = new Dictionary<string, long>(StringComparer.Ordinal);
        var lines = text.Split('\n');
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n].TrimEnd('\r');
            var content = line.TrimStart();
            if (content.Length == 0 || content[0] == '#')
            {
                continue;
            }

            var keyColumn = line.Length - content.Length + 1;
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                throw new SettingsFormatException(source, n + 1, keyColumn, $"'{content}' is not a setting; expected KEY = VALUE");
            }

            var key = line[..equals].Trim();
            var rawValue = line[(equals + 1)..];
            var value = rawValue.Trim();
            var valueColumn = equals + 2 + (rawValue.Length - rawValue.TrimStart().Length);
            var at = new Position(source, n + 1, valueColumn);
            var (baseKey, account) = SplitAccount(key);
            if (!Keys.ContainsKey(baseKey) || (account is not null && baseKey is not ("quota-builds" or "quota-bytes")))
            {
                throw new SettingsFormatException(source, n + 1, keyColumn, $"unknown setting '{key}'; expected one of: {string.Join(", ", Keys.Keys)} (quota-builds.ACCOUNT and quota-bytes.ACCOUNT set one account's quota)");
            }

            if (seen.TryGetValue(key, out var first))
            {
                throw new SettingsFormatException(source, n + 1, keyColumn, $"'{key}' is set twice (first on line {first})");
            }

            seen[key] = n + 1;
            if (value.Length == 0)
            {
                throw new SettingsFormatException(source, n + 1, valueColumn, $"'{key}' has no value; expected {Keys[baseKey]}");
            }

            string PathValue() => Path.GetFullPath(value, directory);
            settings = baseKey switch
            {
                "listen" => Listen(settings, value, at),
                "certificate" => settings with { Certificate = PathValue() },
                "private-key" => settings with { PrivateKey = PathValue() },
                "trust-directory" => settings with { TrustDirectory = PathValue() },
                "grid-mapfile" => settings with { GridMapfile = PathValue() },
                "data-directory" => settings with { DataDirectory = PathValue() },
                "store-directory" => settings with { StoreDirectory = PathValue() },
                "store-cap" => settings with { StoreCapBytes = Size(value, at, key) },
                "bases" => settings with { Bases = Names(value, at) },
                "build-concurrency" => settings with { BuildConcurrency = Number(value, at, key, 1, 64) },
                "guest-directory" => settings with { GuestDirectory = PathValue() },
                "cache-directory" => settings with { CacheDirectory = PathValue() },
                "artifact-directory" => settings with { ArtifactDirectory = PathValue() },
                "builder-memory" => settings with { BuilderMemoryMiB = (int)Math.Clamp(Size(value, at, key) >> 20, 128, 65536) },
                "max-request" => settings with { MaxRequestBytes = Size(value, at, key) },
                "max-xml-depth" => settings with { MaxXmlDepth = Number(value, at, key, 8, 1024) },
                "quota-builds" when account is null => settings with { QuotaBuilds = Number(value, at, key, 1, 10000) },
                "quota-bytes" when account is null => settings with { QuotaBytes = Size(value, at, key) },
                "quota-builds" => Set(settings, builds, account!, Number(value, at, key, 0, 10000)),
                "quota-bytes" => Set(settings, bytes, account!, Size(value, at, key)),
                "public-url" => settings with { PublicUrl = Url(value, at) },
                _ => settings,
            };
        }

        return settings with { AccountBuilds = builds, AccountBytes = bytes };
    }

    private static ServiceSettings Set<T>(ServiceSettings settings, Dictionary<string, T> table, string account, T value)
    {
        table[account] = value;
        return settings;
    }

    private static (string Key, string? Account) SplitAccount(string key)
    {
        var dot = key.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? (key, null) : (key[..dot], key[(dot + 1)..]);
    }

    private static ServiceSettings Listen(ServiceSettings settings, string value, Position at)
    {
        var colon = value.LastIndexOf(':');
        var host = colon < 0 ? string.Empty : value[..colon].Trim('[', ']');
        if (colon < 0 || !IPAddress.TryParse(host, out _))
        {
            throw at.Error($"'{value}' is not an address to listen on; expected IP:PORT (for example 0.0.0.0:8443 or [::]:8443)");
        }

        var port = Number(value[(colon + 1)..], at.Shift(colon + 1), "listen", 0, 65535);
        return settings with { ListenAddress = host, Port = port };
    }

    private static int Number(string value, Position at, string key, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw at.Error($"'{value}' is not a valid {key}; expected a whole number from {min} to {max}");

    private static long Size(string value, Position at, string key) =>
        SizeSyntax.TryParse(value, SizeUnit.Bytes, out var bytes, out var error)
            ? bytes
            : throw at.Shift(error.Offset).Error($"'{value}' is not a size for {key}; expected {SizeSyntax.Description}");

    private static List<string> Names(string value, Position at)
    {
        var names = value.Split(',', StringSplitOptions.TrimEntries);
        var bad = names.FirstOrDefault(n => n.Length == 0 || !n.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'));
        return bad is null ? [.. names] : throw at.Error($"'{bad}' is not a base name; expected letters, digits, '-', '_' and '.' separated by commas");
    }

    private static string Url(string value, Position at) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == "https" && uri.AbsolutePath == "/"
            ? value.TrimEnd('/')
            : throw at.Error($"'{value}' is not a base URL; expected https://HOST[:PORT]");

    private readonly record struct Position(string Source, int Line, int Column)
    {
        public Position Shift(int characters) => this with { Column = Column + characters };

        public SettingsFormatException Error(string detail) => new(Source, Line, Column, detail);
    }
}
