namespace VmMiddleware.Remote.HostKeys;

/// <summary>Reads OpenSSH known_hosts files: plain and hashed (|1|) host patterns, [host]:port names, @revoked and @cert-authority markers.</summary>
internal static class KnownHostsFile
{
    /// <summary>Returns the entries of the file at <paramref name="path"/>, or none when it does not exist; lines that do not parse are skipped, as OpenSSH does.</summary>
    public static IReadOnlyList<KnownHostEntry> Read(string path) => File.Exists(path) ? Parse(File.ReadLines(path)) : [];

    /// <summary>Returns the entries of <paramref name="lines"/>.</summary>
    public static IReadOnlyList<KnownHostEntry> Parse(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var entries = new List<KnownHostEntry>();
        var number = 0;
        foreach (var raw in lines)
        {
            number++;
            var fields = raw.Trim().Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0 || fields[0].StartsWith('#'))
            {
                continue;
            }

            string? marker = null;
            if (fields[0].StartsWith('@'))
            {
                marker = fields[0];
                fields = fields[1..];
            }

            if (fields.Length < 3)
            {
                continue;
            }

            try
            {
                entries.Add(new KnownHostEntry(marker, fields[0], fields[1], Convert.FromBase64String(fields[2]), number));
            }
            catch (FormatException)
            {
                // OpenSSH skips a line whose key does not decode.
            }
        }

        return entries;
    }
}
