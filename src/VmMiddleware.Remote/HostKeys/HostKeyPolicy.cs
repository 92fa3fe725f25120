namespace VmMiddleware.Remote.HostKeys;

/// <summary>Checks the key a gateway presents as OpenSSH does with StrictHostKeyChecking=yes: against known_hosts files, or against one pinned fingerprint.</summary>
internal sealed class HostKeyPolicy
{
    private readonly IReadOnlyList<(string File, KnownHostEntry Entry)> entries;
    private readonly string? pinned;

    /// <summary>Initializes a policy from the known_hosts files (missing ones are empty) and an optional pinned SHA256: fingerprint, which replaces them.</summary>
    public HostKeyPolicy(IEnumerable<string> knownHostsFiles, string? pinnedFingerprint)
    {
        ArgumentNullException.ThrowIfNull(knownHostsFiles);
        entries = [.. knownHostsFiles.SelectMany(file => KnownHostsFile.Read(file).Select(entry => (file, entry)))];
        pinned = pinnedFingerprint;
    }

    /// <summary>Returns the key types known_hosts holds for <paramref name="name"/> (host, or [host]:port), in file order, so the client can ask for those first.</summary>
    public IReadOnlyList<string> KnownKeyTypes(string name) => pinned is not null
        ? []
        : [.. entries.Where(e => e.Entry.Marker is null && e.Entry.Matches(name)).Select(e => e.Entry.KeyType).Distinct()];

    /// <summary>Decides about <paramref name="key"/> of type <paramref name="keyType"/> presented by <paramref name="name"/>, with a one-line reason for a refusal.</summary>
    public (HostKeyVerdict Verdict, string Message) Check(string name, string keyType, byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var fingerprint = HostKeyFingerprint.Of(key);
        var presented = $"{keyType} {fingerprint}";
        if (pinned is not null)
        {
            return string.Equals(fingerprint, pinned, StringComparison.Ordinal)
                ? (HostKeyVerdict.Trusted, presented)
                : (HostKeyVerdict.Changed, $"the host key of {name} is {presented}, not the {pinned} given with --host-key; refusing to connect");
        }

        var matching = entries.Where(e => e.Entry.Matches(name)).ToList();
        if (matching.FirstOrDefault(e => e.Entry.Marker == "@revoked" && e.Entry.Key.AsSpan().SequenceEqual(key)) is { Entry: not null } revoked)
        {
            return (HostKeyVerdict.Revoked, $"the host key of {name} ({presented}) is marked @revoked in {revoked.File} line {revoked.Entry.Line}; refusing to connect");
        }

        var sameType = matching.Where(e => e.Entry.Marker is null && e.Entry.KeyType == keyType).ToList();
        if (sameType.Any(e => e.Entry.Key.AsSpan().SequenceEqual(key)))
        {
            return (HostKeyVerdict.Trusted, presented);
        }

        if (sameType.Count > 0)
        {
            var first = sameType[0];
            return (HostKeyVerdict.Changed, $"the host key of {name} has changed: it is now {presented}, which does not match {first.File} line {first.Entry.Line}; refusing to connect (someone may be intercepting the connection, or the host was reinstalled: check with its operator, then remove the old line)");
        }

        return (HostKeyVerdict.Unknown, $"the host key of {name} is not known: {presented}; check this fingerprint with the gateway's operator, then add the key to ~/.ssh/known_hosts or pass --host-key {fingerprint}");
    }
}
