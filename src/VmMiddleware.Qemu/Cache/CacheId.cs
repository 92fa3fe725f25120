namespace VmMiddleware.Qemu.Cache;

/// <summary>Content ids of the image cache: <c>sha256:</c> followed by 64 lowercase hex digits.</summary>
public static class CacheId
{
    /// <summary>The prefix every id starts with.</summary>
    public const string Prefix = "sha256:";

    /// <summary>Turns a hex digest (any case, with or without the prefix) into an id, or returns false when it is not a SHA-256 digest.</summary>
    public static bool TryNormalize(string? text, out string id)
    {
        id = string.Empty;
        if (text is null)
        {
            return false;
        }

        var hex = text.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? text[Prefix.Length..] : text;
        if (hex.Length != 64 || !hex.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        id = Prefix + hex.ToLowerInvariant();
        return true;
    }

    /// <summary>Turns a hex digest or an id into an id, throwing <see cref="ArgumentException"/> when it is neither.</summary>
    public static string Normalize(string text)
    {
        if (!TryNormalize(text, out var id))
        {
            throw new ArgumentException($"'{text}' is not a sha256 content id (expected sha256:<64 hex digits>)", nameof(text));
        }

        return id;
    }

    /// <summary>Formats a raw 32-byte digest as an id.</summary>
    public static string FromDigest(ReadOnlySpan<byte> digest) => Prefix + Convert.ToHexStringLower(digest);

    /// <summary>Gets the 64 hex digits of an id.</summary>
    internal static string Hex(string id) => id[Prefix.Length..];
}
