using System.Globalization;

namespace VmMiddleware.Remote.Gateways;

/// <summary>Where a gateway is reached over SSH: user, host and port, written user@host[:port] (an IPv6 host in brackets).</summary>
/// <param name="User">The remote user name.</param>
/// <param name="Host">The host name or address, without brackets.</param>
/// <param name="Port">The TCP port; 22 by default.</param>
public sealed record GatewayAddress(string User, string Host, int Port)
{
    /// <summary>The SSH port used when none is given.</summary>
    public const int DefaultPort = 22;

    /// <summary>Parses user@host[:port]; <paramref name="defaultUser"/> is used when no user is given.</summary>
    /// <exception cref="FormatException">The text is not a gateway address; the message says why.</exception>
    public static GatewayAddress Parse(string text, string defaultUser)
    {
        ArgumentNullException.ThrowIfNull(text);
        var at = text.LastIndexOf('@');
        var user = at >= 0 ? text[..at] : defaultUser;
        var rest = at >= 0 ? text[(at + 1)..] : text;
        if (user.Length == 0)
        {
            throw new FormatException($"'{text}' names no user before '@'; expected user@host[:port]");
        }

        string host;
        string? port = null;
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                throw new FormatException($"'{text}' opens '[' without ']'; expected user@[address]:port");
            }

            host = rest[1..close];
            if (close + 1 < rest.Length)
            {
                port = rest[close + 1] == ':' ? rest[(close + 2)..] : throw new FormatException($"'{text}': expected ':' after ']'");
            }
        }
        else
        {
            var colon = rest.IndexOf(':', StringComparison.Ordinal);
            host = colon >= 0 ? rest[..colon] : rest;
            port = colon >= 0 ? rest[(colon + 1)..] : null;
        }

        if (host.Length == 0 || host.Any(c => char.IsWhiteSpace(c) || c is '/' or '@'))
        {
            throw new FormatException($"'{text}' names no valid host; expected user@host[:port]");
        }

        var number = DefaultPort;
        if (port is not null && (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number is < 1 or > 65535))
        {
            throw new FormatException($"'{text}': the port '{port}' is not a number from 1 to 65535");
        }

        return new GatewayAddress(user, host, number);
    }

    /// <summary>Returns the host as known_hosts names it: host for port 22, [host]:port otherwise.</summary>
    public string KnownHostsName => Port == DefaultPort ? Host : string.Create(CultureInfo.InvariantCulture, $"[{Host}]:{Port}");

    /// <summary>Returns user@host:port (the host in brackets when it holds a ':').</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{User}@{(Host.Contains(':', StringComparison.Ordinal) ? "[" + Host + "]" : Host)}:{Port}");
}
