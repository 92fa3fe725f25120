using VmMiddleware.Qemu.Cache;
using VmMiddleware.Qemu.Launch;
using VmMiddleware.WorkUnits;

namespace VmMiddleware.Qemu.Storage;

/// <summary>
/// The image store backed by the execute-side image cache: a host-path image is hashed (and checked against the work unit's
/// SHA-256), found in or added to the cache, and leased for the whole run; a qcow2 layer's backing files are added first, so
/// the cache records the chain. A <c>sha256:</c> reference, or a <c>vmimage://HOST/sha256:…</c> URL, is leased from the cache.
/// </summary>
public sealed class CachedImageStore : IImageStore
{
    private const int MaxChainDepth = 16;
    private readonly IImageCache _cache;
    private readonly Action<string>? _progress;

    /// <summary>Initializes a store over <paramref name="cache"/>; <paramref name="progress"/> hears whether an image was found or added.</summary>
    public CachedImageStore(IImageCache cache, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(cache);
        _cache = cache;
        _progress = progress;
    }

    /// <inheritdoc/>
    public async Task<ResolvedImage> ResolveAsync(ImageSpec image, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        var location = image.Location ?? throw new ArgumentException("The reference guest has no image file.", nameof(image));
        var (lease, wasCached) = location.Kind switch
        {
            ImageLocationKind.HostPath => await AddHostFileAsync(location.Value, image.Format, image.Sha256, 0, cancellationToken).ConfigureAwait(false),
            ImageLocationKind.CacheReference => (Lease(location.Value, location.Value), true),
            _ => (Lease(IdOfUrl(location.Value), location.Value), true),
        };
        try
        {
            var chain = lease.Chain
                .Select((entry, i) => new ImageLayer(entry.Path, i == 0 && image.Format is { } f ? f.ToString().ToLowerInvariant() : ImageHeader.Read(entry.Path).Format))
                .ToList();
            _progress?.Invoke($"image {lease.Id} {(wasCached ? "found in" : "added to")} the image cache{(chain.Count > 1 ? $" ({chain.Count} layers)" : string.Empty)}; leased for the run");
            return new ResolvedImage(chain, lease.Id, wasCached, lease);
        }
        catch
        {
            lease.Dispose();
            throw;
        }
    }

    /// <summary>Returns the cache id a vmimage:// URL names when its last path segment is a SHA-256 digest.</summary>
    internal static string IdOfUrl(string url)
    {
        var segment = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.AbsolutePath.TrimEnd('/').Split('/')[^1] : string.Empty;
        return CacheId.TryNormalize(Uri.UnescapeDataString(segment), out var id)
            ? id
            : throw new LaunchException($"The image {url} cannot be fetched: vmimage:// fetch needs the image factory service, not configured (only vmimage://HOST/sha256:<hex> URLs of images already in this host's cache work).");
    }

    private CacheLease Lease(string id, string asGiven) =>
        _cache.TryGet(id, out var lease)
            ? lease
            : throw new LaunchException($"The image {asGiven} is not in this host's image cache ({_cache.Root}); add it with 'vmgrid cache images add FILE' or give the image's path.");

    private async Task<(CacheLease Lease, bool WasCached)> AddHostFileAsync(string path, ImageFormat? format, string? expectedHex, int depth, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new LaunchException(depth == 0 ? $"The image {path} does not exist." : $"The backing file {path} of an image layer does not exist.");
        }

        // Checked before anything is hashed or copied: a file that is not the image it claims to be never reaches the cache.
        try
        {
            ImageFileCheck.Check(path, format);
        }
        catch (InvalidDataException e)
        {
            throw new LaunchException(e.Message, e);
        }

        if (depth > MaxChainDepth)
        {
            throw new LaunchException($"The image {path} has more than {MaxChainDepth} backing layers.");
        }

        // A layer is cached only on top of its cached base: add the backing chain first and hold it until the layer is in.
        CacheLease? below = null;
        if (ImageHeader.Read(path).BackingFile is { } backing)
        {
            (below, _) = await AddHostFileAsync(backing, null, null, depth + 1, cancellationToken).ConfigureAwait(false);
        }

        using (below)
        {
            var hex = await ImageVerifier.HashAsync(path, cancellationToken).ConfigureAwait(false);
            if (expectedHex is not null && hex != expectedHex)
            {
                throw ImageVerifier.Mismatch(path, hex, expectedHex);
            }

            var id = CacheId.Prefix + hex;
            if (_cache.TryGet(id, out var cached))
            {
                return (cached, true);
            }

            try
            {
                return (await _cache.AddAndLeaseAsync(path, id, cancellationToken).ConfigureAwait(false), false);
            }
            catch (InvalidDataException e)
            {
                throw new LaunchException($"The image {path} cannot be added to the image cache: {e.Message}", e);
            }
        }
    }
}
