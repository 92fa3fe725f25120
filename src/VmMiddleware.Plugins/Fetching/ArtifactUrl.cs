using System.Diagnostics.CodeAnalysis;

namespace VmMiddleware.Plugins.Fetching;

/// <summary>
/// A vmimage:// URL naming a file the factory publishes by content: <c>vmimage://HOST[:PORT]/artifacts/SHA256/NAME</c> (the launcher,
/// the QEMU bundle, the reference guest archive), fetched from https://HOST:PORT/v1/artifacts/SHA256; NAME is the file name HTCondor
/// gives it in the job's directory.
/// </summary>
/// <param name="Service">The service's base URL (https://HOST:PORT/).</param>
/// <param name="Sha256">The file's SHA-256: 64 lower-case hexadecimal digits.</param>
/// <param name="Name">The file's name.</param>
public sealed record ArtifactUrl(Uri Service, string Sha256, string Name)
{
    /// <summary>The first path segment that marks an artifact URL.</summary>
    public const string Segment = "artifacts";

    /// <summary>Gets the file's download address on the service.</summary>
    public Uri Address => new(Service, "/v1/artifacts/" + Sha256);

    /// <summary>Returns whether <paramref name="text"/> has the artifact form (vmimage://HOST/artifacts/...), well formed or not.</summary>
    public static bool IsArtifact(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme == "vmimage" && uri.AbsolutePath.StartsWith("/" + Segment + "/", StringComparison.Ordinal);

    /// <summary>Parses <paramref name="text"/>; <paramref name="configured"/> is the service vmimage://factory/... names (or null).</summary>
    /// <param name="text">The URL.</param>
    /// <param name="configured">The configured service, or null.</param>
    /// <param name="url">The parsed URL.</param>
    /// <param name="error">Why the text is not an artifact URL.</param>
    public static bool TryParse(string text, Uri? configured, [NotNullWhen(true)] out ArtifactUrl? url, [NotNullWhen(false)] out string? error)
    {
        url = null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != "vmimage" || uri.Host.Length == 0
            || uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries) is not [Segment, var sha, var name]
            || sha.Length != 64 || !sha.All(char.IsAsciiHexDigitLower) || name is "." or "..")
        {
            error = $"'{text}' is not a vmimage://HOST[:PORT]/artifacts/SHA256/NAME URL (SHA256: 64 lower-case hexadecimal digits)";
            return false;
        }

        if (!VmImageUrl.TryService(uri, text, configured, out var service, out error))
        {
            return false;
        }

        url = new ArtifactUrl(service, sha, Uri.UnescapeDataString(name));
        return true;
    }
}
