using VmMiddleware.Cli.Settings;
using VmMiddleware.Plugins.Configuration;

namespace VmMiddleware.Cli.Verbs;

/// <summary>
/// The vmimage:// plugin's configuration, read at the edge: the file $VMMIDDLEWARE_PLUGIN_CONFIG names, else /etc/vmmiddleware/plugin.conf
/// when it exists, over defaults from the environment (credential $X509_USER_PROXY, trust directory $X509_CERT_DIR or
/// /etc/grid-security/certificates, cache CACHE_ROOT/vmimage).
/// </summary>
internal static class PluginSettings
{
    /// <summary>Names the plugin's configuration file.</summary>
    public const string ConfigVariable = "VMMIDDLEWARE_PLUGIN_CONFIG";

    /// <summary>The configuration file read when <see cref="ConfigVariable"/> is not set, if it exists.</summary>
    public const string DefaultConfig = "/etc/vmmiddleware/plugin.conf";

    /// <summary>Returns the options, reading <paramref name="file"/> (or the configured or default file).</summary>
    /// <exception cref="UserErrorException">The file is missing or does not read (one line naming file, line and column).</exception>
    public static PluginOptions Read(VmgridSettings settings, string? file = null)
    {
        var defaults = new PluginOptions
        {
            CacheRoot = Path.Combine(settings.CacheRoot, "vmimage"),
            Credential = settings.Grid.UserProxy,
            TrustDirectory = settings.Grid.CertificateDirectory ?? "/etc/grid-security/certificates",
        };
        var path = file ?? (settings.Environment.TryGetValue(ConfigVariable, out var named) && named.Length > 0 ? named : null) ?? (File.Exists(DefaultConfig) ? DefaultConfig : null);
        if (path is null)
        {
            return defaults;
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserErrorException($"{path}: cannot read the vmimage plugin's configuration: {e.Message}", e);
        }

        try
        {
            return PluginConfigurationReader.Parse(text, path, defaults);
        }
        catch (PluginConfigurationException e)
        {
            throw new UserErrorException(e.Message, e);
        }
    }
}
