using VmMiddleware.Host.Hashing;

namespace VmMiddleware.Store.Verification;

/// <summary>SHA-256 digests as the store writes them (64 lower-case hex digits) and shows them (<c>sha256:</c> and the hex).</summary>
public static class ContentDigest
{
    /// <summary>The prefix of the shown form.</summary>
    public const string Prefix = "sha256:";

    /// <summary>Turns a hex digest (any case, with or without <see cref="Prefix"/>) into 64 lower-case hex digits, or returns false when it is not a SHA-256 digest.</summary>
    public static bool TryNormalize(string? text, out string hex)
    {
        hex = string.Empty;
        if (text is null)
        {
            return false;
        }

        var digits = text.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? text[Prefix.Length..] : text;
        if (digits.Length != 64 || !digits.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        hex = digits.ToLowerInvariant();
        return true;
    }

    /// <summary>Like <see cref="TryNormalize"/>, throwing <see cref="ArgumentException"/> when <paramref name="text"/> is not a digest.</summary>
    public static string Normalize(string text) =>
        TryNormalize(text, out var hex) ? hex : throw new ArgumentException($"'{text}' is not a sha256 content id (expected sha256:<64 hex digits>)", nameof(text));

    /// <summary>Returns the shown form, <c>sha256:</c> and the hex.</summary>
    public static string Show(string hex) => Prefix + hex;

    /// <summary>Hashes a file, sharing it with writers (a store never hashes a file it is still writing).</summary>
    public static Task<string> OfFileAsync(string path, CancellationToken cancellationToken) => FileDigest.Sha256HexAsync(path, cancellationToken);

    /// <summary>Hashes a file synchronously (see <see cref="OfFileAsync"/>).</summary>
    public static string OfFile(string path) => FileDigest.Sha256Hex(path);
}
