using VmMiddleware.Store.Verification;

namespace VmMiddleware.Qemu.Cache;

/// <summary>Content ids of the image cache: <c>sha256:</c> followed by 64 lowercase hex digits (the store's key is the hex).</summary>
public static class CacheId
{
    /// <summary>The prefix every id starts with.</summary>
    public const string Prefix = ContentDigest.Prefix;

    /// <summary>Turns a hex digest (any case, with or without the prefix) into an id, or returns false when it is not a SHA-256 digest.</summary>
    public static bool TryNormalize(string? text, out string id)
    {
        id = ContentDigest.TryNormalize(text, out var hex) ? Prefix + hex : string.Empty;
        return id.Length > 0;
    }

    /// <summary>Turns a hex digest or an id into an id, throwing <see cref="ArgumentException"/> when it is neither.</summary>
    public static string Normalize(string text) => Prefix + ContentDigest.Normalize(text);

    /// <summary>Formats a raw 32-byte digest as an id.</summary>
    public static string FromDigest(ReadOnlySpan<byte> digest) => Prefix + Convert.ToHexStringLower(digest);

    /// <summary>Gets the 64 hex digits of an id.</summary>
    internal static string Hex(string id) => id[Prefix.Length..];
}
