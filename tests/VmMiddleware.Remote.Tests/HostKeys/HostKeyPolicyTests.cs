using VmMiddleware.Remote.HostKeys;

namespace VmMiddleware.Remote.Tests.HostKeys;

[TestClass]
public sealed class HostKeyPolicyTests : IDisposable
{
    // A real ed25519 host key; ssh-keygen -lf prints its fingerprint, ssh-keygen -H hashed "[127.0.0.1]:2222" into the |1| line.
    private const string Key = "AAAAC3NzaC1lZDI1NTE5AAAAIE6F2iAaQC3IBPmUB8TC/GphzWKyoNf6D5/WPAx0+L1C";
    private const string Fingerprint = "SHA256:mKR04A3I9VNRxhxAapPePXibf9AIaKc10VKPyPTmrnY";
    private const string Hashed = "|1|Ao0pHeSQTPOJktH3IqlbwA0Dgms=|m2c9QayA3WbEInIUWxLANvA5FHM=";
    private const string OtherKey = "AAAAC3NzaC1lZDI1NTE5AAAAIHaQzJ5eYvx3hU6x2Pz6d6N4w8r5c1S0o3J6hE9H3m1Q";

    private readonly string directory = Directory.CreateTempSubdirectory("vmgrid-known-hosts-").FullName;

    private static byte[] Blob => Convert.FromBase64String(Key);

    [TestMethod]
    public void Of_RealKey_MatchesSshKeygen() => Assert.AreEqual(Fingerprint, HostKeyFingerprint.Of(Blob));

    [TestMethod]
    [DataRow("[127.0.0.1]:2222 ssh-ed25519 " + Key)]
    [DataRow(Hashed + " ssh-ed25519 " + Key)]
    [DataRow("gw,[127.0.0.1]:2222 ssh-ed25519 " + Key + " comment")]
    [DataRow("[127.0.0.*]:2222 ssh-ed25519 " + Key)]
    public void Check_KnownKey_IsTrusted(string line) =>
        Assert.AreEqual(HostKeyVerdict.Trusted, Policy(line).Check("[127.0.0.1]:2222", "ssh-ed25519", Blob).Verdict);

    [TestMethod]
    [DataRow("127.0.0.1 ssh-ed25519 " + Key)]
    [DataRow("[127.0.0.1]:2223 ssh-ed25519 " + Key)]
    [DataRow("[127.0.0.*]:2222,![127.0.0.1]:2222 ssh-ed25519 " + Key)]
    [DataRow("# [127.0.0.1]:2222 ssh-ed25519 " + Key)]
    [DataRow("")]
    public void Check_NoEntryForTheHost_IsUnknownWithTheFingerprint(string line)
    {
        var (verdict, message) = Policy(line).Check("[127.0.0.1]:2222", "ssh-ed25519", Blob);

        Assert.AreEqual(HostKeyVerdict.Unknown, verdict);
        StringAssert.Contains(message, "is not known: ssh-ed25519 " + Fingerprint);
        StringAssert.Contains(message, "--host-key " + Fingerprint);
    }

    [TestMethod]
    public void Check_OtherKeyOfTheSameType_IsChangedNamingTheLine()
    {
        var (verdict, message) = Policy("# first line\n[127.0.0.1]:2222 ssh-ed25519 " + OtherKey).Check("[127.0.0.1]:2222", "ssh-ed25519", Blob);

        Assert.AreEqual(HostKeyVerdict.Changed, verdict);
        StringAssert.Contains(message, "has changed");
        StringAssert.Contains(message, "line 2");
    }

    [TestMethod]
    public void Check_RevokedKey_IsRefusedEvenWhenAlsoListed()
    {
        var policy = Policy($"[127.0.0.1]:2222 ssh-ed25519 {Key}\n@revoked * ssh-ed25519 {Key}");

        Assert.AreEqual(HostKeyVerdict.Revoked, policy.Check("[127.0.0.1]:2222", "ssh-ed25519", Blob).Verdict);
    }

    [TestMethod]
    public void Check_PinnedFingerprint_ReplacesKnownHosts()
    {
        var known = Policy("[127.0.0.1]:2222 ssh-ed25519 " + OtherKey, pinned: Fingerprint);
        var wrong = Policy("[127.0.0.1]:2222 ssh-ed25519 " + Key, pinned: "SHA256:" + new string('A', 43));

        Assert.AreEqual(HostKeyVerdict.Trusted, known.Check("[127.0.0.1]:2222", "ssh-ed25519", Blob).Verdict);
        Assert.AreEqual(HostKeyVerdict.Changed, wrong.Check("[127.0.0.1]:2222", "ssh-ed25519", Blob).Verdict);
    }

    [TestMethod]
    public void KnownKeyTypes_ListsTheHostsTypesOnly() =>
        CollectionAssert.AreEqual(
            new[] { "ssh-rsa", "ssh-ed25519" },
            Policy($"[127.0.0.1]:2222 ssh-rsa {Key}\nother ecdsa-sha2-nistp256 {Key}\n{Hashed} ssh-ed25519 {Key}").KnownKeyTypes("[127.0.0.1]:2222").ToArray());

    [TestMethod]
    [DataRow(Fingerprint, true)]
    [DataRow("SHA256:short", false)]
    [DataRow("MD5:" + "aa:bb", false)]
    public void IsValid_Forms(string text, bool valid) => Assert.AreEqual(valid, HostKeyFingerprint.IsValid(text));

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private HostKeyPolicy Policy(string lines, string? pinned = null)
    {
        var file = Path.Combine(directory, Guid.NewGuid().ToString("N"));
        File.WriteAllText(file, lines.Replace("\\n", "\n", StringComparison.Ordinal) + "\n");
        return new HostKeyPolicy([file, Path.Combine(directory, "missing")], pinned);
    }
}
