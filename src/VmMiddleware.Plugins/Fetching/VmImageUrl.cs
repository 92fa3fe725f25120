using System.Diagnostics.CodeAnalysis;

namespace VmMiddleware.Plugins.Fetching;

/// <summary>
/// A parsed vmimage:// URL: <c>vmimage://HOST[:PORT]/[PATH/]ID[.qcow2]</c> names image (state) ID on the factory service at
/// https://HOST:PORT (port 8443 when none is given); <c>vmimage://factory/ID</c> names it on the service the plugin's configuration names.
/// </summary>
/// <param name="Service">The service's base URL (https://HOST:PORT/).</param>
/// <param name="StateId">The image's state id: 64 lower-case hexadecimal digits.</param>
public sealed record VmImageUrl(Uri Service, string StateId)
{
    /// <summary>The host name that stands for the configured factory service.</summary>
    public const string ConfiguredHost = "factory";

    /// <summary>Parses <paramref name="text"/>; <paramref name="configured"/> is the service vmimage://factory/ID names (or null).</summary>
    /// <param name="text">The URL.</param>
    /// <param name="configured">The configured service, or null.</param>
    /// <param name="url">The parsed URL.</param>
    /// <param name="error">Why the text is not a vmimage:// URL.</param>
    public static bool TryParse(string text, Uri? configured, [NotNullWhen(true)] out VmImageUrl? url, [NotNullWhen(false)] out string? error)
    {
        url = null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != "vmimage" || uri.Host.Length == 0)
        {
            error = $"'{text}' is not a vmimage://HOST[:PORT]/ID URL";
            return false;
        }

        var last = uri.AbsolutePath.TrimEnd('/').Split('/')[^1];
        var id = last.EndsWith(".qcow2", StringComparison.Ordinal) ? last[..^".qcow2".Length] : last;
        if (id.Length != 64 || !id.All(char.IsAsciiHexDigitLower))
        {
            error = $"'{text}': the last path segment '{last}' is not an image id (64 lower-case hexadecimal digits, optionally followed by .qcow2)";
            return false;
        }

        if (!TryService(uri, text, configured, out var service, out error))
        {
            return false;
        }

        url = new VmImageUrl(service, id);
        return true;
    }

    /// <summary>Returns the service a vmimage:// URL names: https://HOST:PORT (port 8443 when none is given), or the configured one for host "factory".</summary>
    internal static bool TryService(Uri uri, string text, Uri? configured, [NotNullWhen(true)] out Uri? service, [NotNullWhen(false)] out string? error)
    {
        error = null;
        if (uri.Host == ConfiguredHost && uri.IsDefaultPort)
        {
            service = configured;
            error = configured is null ? $"'{text}' names the configured factory, and the plugin's configuration names none (factory = https://HOST:PORT)" : null;
            return configured is not null;
        }

        service = new UriBuilder(Uri.UriSchemeHttps, uri.Host, uri.IsDefaultPort ? Configuration.PluginOptions.DefaultPort : uri.Port).Uri;
        return true;
    }
}
