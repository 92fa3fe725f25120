using System.Security.Cryptography;
using System.Text;

namespace VmMiddleware.Remote.HostKeys;

/// <summary>One line of an OpenSSH known_hosts file: host patterns (plain or hashed), a key type and the key.</summary>
/// <param name="Marker">"@revoked", "@cert-authority" or null.</param>
/// <param name="Hosts">The comma-separated host patterns as written, or the hashed form |1|salt|hash.</param>
/// <param name="KeyType">The key type, such as ssh-ed25519.</param>
/// <param name="Key">The public key blob (base64-decoded).</param>
/// <param name="Line">The line number in its file, from 1.</param>
internal sealed record KnownHostEntry(string? Marker, string Hosts, string KeyType, byte[] Key, int Line)
{
    /// <summary>Returns whether this entry names <paramref name="name"/> (host, or [host]:port for another port than 22) as OpenSSH matches it.</summary>
    public bool Matches(string name)
    {
        if (Hosts.StartsWith("|1|", StringComparison.Ordinal))
        {
            return HashedMatches(name);
        }

        // A negated pattern that matches wins over every positive one (OpenSSH match_hostname).
        var matched = false;
        foreach (var pattern in Hosts.Split(','))
        {
            var negated = pattern.StartsWith('!');
            if (Wildcard(negated ? pattern[1..] : pattern, name))
            {
                if (negated)
                {
                    return false;
                }

                matched = true;
            }
        }

        return matched;
    }

    private bool HashedMatches(string name)
    {
        var parts = Hosts.Split('|');
        if (parts.Length != 4)
        {
            return false;
        }

        try
        {
            var salt = Convert.FromBase64String(parts[2]);
            var expected = Convert.FromBase64String(parts[3]);
#pragma warning disable CA5350 // OpenSSH's hashed known_hosts format (HashKnownHosts) is defined as HMAC-SHA1; it only hides names.
            var actual = HMACSHA1.HashData(salt, Encoding.UTF8.GetBytes(name));
#pragma warning restore CA5350
            return CryptographicOperations.FixedTimeEquals(actual, expected);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    // OpenSSH's match_pattern: '*' any run, '?' one character, case-insensitive for host names.
    private static bool Wildcard(string pattern, string text)
    {
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || char.ToLowerInvariant(pattern[p]) == char.ToLowerInvariant(text[t])))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
