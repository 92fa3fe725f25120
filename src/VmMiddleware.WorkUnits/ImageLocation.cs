namespace VmMiddleware.WorkUnits;

/// <summary>The location of an image: a host path, a cache reference or a vmimage:// URL.</summary>
public sealed record ImageLocation
{
    /// <summary>The URL scheme of factory-served images.</summary>
    public const string UrlScheme = "vmimage";

    private const string CachePrefix = "sha256:";

    private ImageLocation(ImageLocationKind kind, string value)
    {
        Kind = kind;
        Value = value;
    }

    /// <summary>Gets which kind of location this is.</summary>
    public ImageLocationKind Kind { get; }

    /// <summary>Gets the location text: an absolute path, sha256:&lt;hex&gt; or a vmimage:// URL.</summary>
    public string Value { get; }

    /// <summary>Gets the 64-hex-digit digest of a cache reference, or null for other kinds.</summary>
    public string? CacheDigest => Kind == ImageLocationKind.CacheReference ? Value[CachePrefix.Length..] : null;

    /// <summary>Creates a host-path location from an absolute path.</summary>
    public static ImageLocation FromHostPath(string absolutePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(absolutePath);
        if (!Path.IsPathFullyQualified(absolutePath))
        {
            throw new ArgumentException($"The image path '{absolutePath}' must be absolute.", nameof(absolutePath));
        }

        return new ImageLocation(ImageLocationKind.HostPath, absolutePath);
    }

    /// <summary>Creates a cache reference from sha256:&lt;64 lowercase hex&gt; or from the bare digest.</summary>
    public static ImageLocation FromCacheReference(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var digest = reference.StartsWith(CachePrefix, StringComparison.Ordinal) ? reference[CachePrefix.Length..] : reference;
        if (!WorkUnitRules.IsSha256(digest))
        {
            throw new ArgumentException(
                $"The cache reference '{reference}' is not valid; expected sha256: followed by {WorkUnitRules.Sha256Expectation}.",
                nameof(reference));
        }

        return new ImageLocation(ImageLocationKind.CacheReference, CachePrefix + digest);
    }

    /// <summary>Creates a URL location from a vmimage://host/id URL.</summary>
    public static ImageLocation FromUrl(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!IsVmImageUrl(url))
        {
            throw new ArgumentException($"The image URL '{url}' is not valid; expected vmimage://host/id.", nameof(url));
        }

        return new ImageLocation(ImageLocationKind.Url, url);
    }

    /// <summary>Returns the location text.</summary>
    public override string ToString() => Value;

    internal static bool IsVmImageUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && uri.Scheme == UrlScheme
        && uri.Host.Length > 0
        && uri.AbsolutePath.Trim('/').Length > 0
        && !url.Any(char.IsWhiteSpace);
}
