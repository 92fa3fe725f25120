using System.Diagnostics;
using VmMiddleware.Remote;
using VmMiddleware.Remote.Gateways;
using VmMiddleware.Remote.HostKeys;

namespace VmMiddleware.Integration.Tests.Remote;

/// <summary>Connecting to a real sshd: host keys checked as OpenSSH does (plain, hashed, pinned), keys from files and from a real ssh-agent, and one clear line for a wrong host key, an unknown one, a refused key and a host that does not resolve.</summary>
[TestClass]
[TestCategory("Integration")]
public sealed class GatewayConnectionTests
{
    private static SshGateway? gateway;
    private static LaptopCli? laptop;

    private static SshGateway Gateway => gateway ?? throw new InvalidOperationException("sshd did not start");

    private static LaptopCli Laptop => laptop ?? throw new InvalidOperationException("no laptop");

    [ClassInitialize]
    public static void Start(TestContext context)
    {
        laptop = new LaptopCli();
        gateway = SshGateway.Start(new Dictionary<string, string> { ["HOME"] = laptop.Directory });
    }

    [ClassCleanup]
    public static void Stop()
    {
        gateway?.Dispose();
        laptop?.Dispose();
    }

    [TestMethod]
    public void Submit_UnknownHostKey_IsRefusedWithItsFingerprint()
    {
        var empty = Gateway.WriteKnownHosts("empty_known_hosts");

        var (exit, stdout, stderr) = Submit("--known-hosts", empty, "--identity", Gateway.UserKey);

        Assert.AreEqual(1, exit, stdout + stderr);
        var fingerprint = HostKeyFingerprint.Of(Convert.FromBase64String(Gateway.HostKeyLine.Split(' ')[1]));
        Assert.AreEqual($"vmgrid: the host key of [127.0.0.1]:{Gateway.Port} is not known: ssh-ed25519 {fingerprint}; check this fingerprint with the gateway's operator, then add the key to ~/.ssh/known_hosts or pass --host-key {fingerprint}\n", stderr);
        Assert.IsFalse(Directory.Exists(Path.Combine(Laptop.Directory, "hello-local")), "nothing is translated before the gateway is trusted");
    }

    [TestMethod]
    public void Submit_WrongHostKey_IsRefusedAsChanged()
    {
        var other = File.ReadAllText(Gateway.StrangerKey + ".pub").Split(' ')[1];
        var wrong = Gateway.WriteKnownHosts("wrong_known_hosts", $"[127.0.0.1]:{Gateway.Port} ssh-ed25519 {other}");

        var (exit, _, stderr) = Submit("--known-hosts", wrong, "--identity", Gateway.UserKey);

        Assert.AreEqual(1, exit);
        Assert.AreEqual(1, stderr.TrimEnd('\n').Split('\n').Length, stderr);
        StringAssert.StartsWith(stderr, $"vmgrid: the host key of [127.0.0.1]:{Gateway.Port} has changed: it is now ssh-ed25519 SHA256:");
        StringAssert.Contains(stderr, "wrong_known_hosts line 1");
    }

    [TestMethod]
    public void Submit_KeyTheGatewayRefuses_IsOneLineNamingTheKey()
    {
        var (exit, _, stderr) = Submit("--known-hosts", Gateway.KnownHosts, "--identity", Gateway.StrangerKey);

        Assert.AreEqual(1, exit);
        Assert.AreEqual(1, stderr.TrimEnd('\n').Split('\n').Length, stderr);
        StringAssert.StartsWith(stderr, $"vmgrid: {Environment.UserName}@127.0.0.1:{Gateway.Port} refused every key offered ({Gateway.StrangerKey})");
    }

    [TestMethod]
    public void Submit_HostThatDoesNotResolve_IsOneLine()
    {
        var (exit, _, stderr) = Laptop.Run("submit", Path.Combine(QemuEnvironment.Examples, "hello.workunit.xml"), "--to", "local", "--gateway", "someone@gateway.invalid", "--identity", Gateway.UserKey);

        Assert.AreEqual(1, exit);
        StringAssert.StartsWith(stderr, "vmgrid: cannot resolve the gateway host 'gateway.invalid'");
        Assert.AreEqual(1, stderr.TrimEnd('\n').Split('\n').Length, stderr);
    }

    [TestMethod]
    public void Open_HashedKnownHostsEntry_IsTrusted()
    {
        var hashed = Gateway.WriteKnownHosts("hashed_known_hosts", $"[127.0.0.1]:{Gateway.Port} {Gateway.HostKeyLine}");
        Run(RequiredTool.Find("ssh-keygen"), "-H", "-f", hashed);
        StringAssert.StartsWith(File.ReadAllText(hashed), "|1|");

        using var session = GatewaySession.Open(Options() with { KnownHostsFiles = [hashed] });

        Assert.AreEqual("ok\n", session.Run("echo ok").Stdout);
        Assert.AreEqual(Laptop.Directory, session.Home);
    }

    [TestMethod]
    public void Open_PinnedFingerprint_TrustsWithoutKnownHostsAndRefusesAnother()
    {
        var fingerprint = HostKeyFingerprint.Of(Convert.FromBase64String(Gateway.HostKeyLine.Split(' ')[1]));

        using (var session = GatewaySession.Open(Options() with { KnownHostsFiles = [], HostKeyFingerprint = fingerprint }))
        {
            Assert.AreEqual(0, session.Run("true").ExitCode);
        }

        var error = Assert.ThrowsExactly<RemoteException>(() => GatewaySession.Open(Options() with { HostKeyFingerprint = "SHA256:" + new string('A', 43) }));
        StringAssert.Contains(error.Message, "not the SHA256:AAAA");
    }

    [TestMethod]
    public void Open_KeyHeldByARealSshAgent_Authenticates()
    {
        var socket = Path.Combine(Gateway.Directory, "agent.sock");
        using var agent = Process.Start(new ProcessStartInfo(RequiredTool.Find("ssh-agent"), ["-D", "-a", socket]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true })!;
        try
        {
            for (var i = 0; i < 100 && !File.Exists(socket); i++)
            {
                Thread.Sleep(50);
            }

            var add = new ProcessStartInfo(RequiredTool.Find("ssh-add"), ["-q", Gateway.UserKey]) { UseShellExecute = false, RedirectStandardError = true };
            add.Environment["SSH_AUTH_SOCK"] = socket;
            using (var adding = Process.Start(add)!)
            {
                adding.WaitForExit();
                Assert.AreEqual(0, adding.ExitCode, adding.StandardError.ReadToEnd());
            }

            using var session = GatewaySession.Open(Options() with { IdentityFiles = [], AgentSocket = socket });

            Assert.AreEqual("agent\n", session.Run("echo agent").Stdout);
        }
        finally
        {
            agent.Kill();
            agent.WaitForExit();
        }
    }

    private static GatewayOptions Options() => new()
    {
        Address = GatewayAddress.Parse(Gateway.Address, Environment.UserName),
        IdentityFiles = [Gateway.UserKey],
        KnownHostsFiles = [Gateway.KnownHosts],
    };

    private static (int ExitCode, string Stdout, string Stderr) Submit(params string[] options) =>
        Laptop.Run([.. new[] { "submit", Path.Combine(QemuEnvironment.Examples, "hello.workunit.xml"), "--to", "local", "--gateway", Gateway.Address }, .. options]);

    private static void Run(string file, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true })!;
        process.WaitForExit();
        Assert.AreEqual(0, process.ExitCode, process.StandardError.ReadToEnd());
    }
}
