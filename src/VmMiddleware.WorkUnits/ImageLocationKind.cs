namespace VmMiddleware.WorkUnits;

/// <summary>Where an image's bytes come from.</summary>
public enum ImageLocationKind
{
    /// <summary>A file on the submitting host, given as an absolute path.</summary>
    HostPath,

    /// <summary>An image already in the image cache, named by its SHA-256 digest (sha256:&lt;hex&gt;).</summary>
    CacheReference,

    /// <summary>An image served by a factory, named by a vmimage://host/id URL.</summary>
    Url,
}
