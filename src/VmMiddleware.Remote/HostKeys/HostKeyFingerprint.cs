using System.Security.Cryptography;

namespace VmMiddleware.Remote.HostKeys;

/// <summary>Host-key fingerprints as OpenSSH prints them: SHA256: and the unpadded base64 of the key blob's SHA-256.</summary>
public static class HostKeyFingerprint
{
    /// <summary>Returns the SHA256:... fingerprint of a public key blob.</summary>
    public static string Of(ReadOnlySpan<byte> keyBlob) => "SHA256:" + Convert.ToBase64String(SHA256.HashData(keyBlob)).TrimEnd('=');

    /// <summary>Returns whether <paramref name="text"/> is a fingerprint of the form SHA256:base64 (43 characters, no padding).</summary>
    public static bool IsValid(string? text) =>
        text is { Length: 50 } && text.StartsWith("SHA256:", StringComparison.Ordinal) && text[7..].All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '/');
}
