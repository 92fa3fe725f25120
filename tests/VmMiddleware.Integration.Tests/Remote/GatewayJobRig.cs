using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using VmMiddleware.Integration.Tests.Gram;
using VmMiddleware.Integration.Tests.Support;
using VmMiddleware.Remote.HostKeys;

namespace VmMiddleware.Integration.Tests.Remote;

/// <summary>The "remote" side for gateway job tests: a GRAM5 personal gatekeeper running jobs through the project's jobmanager-vm adapter (with the fork event generator, one VM at a time), as a site gateway does, and an sshd whose sessions carry its environment, plus a laptop that submits to it with the published launcher, the QEMU bundle and the reference guest.</summary>
internal sealed class GatewayJobRig : IDisposable
{
    private GatewayJobRig(GramRig gram, SshGateway ssh, LaptopCli laptop, string launcher, string guest)
    {
        Gram = gram;
        Ssh = ssh;
        Laptop = laptop;
        Launcher = launcher;
        Guest = guest;
        Fingerprint = HostKeyFingerprint.Of(Convert.FromBase64String(ssh.HostKeyLine.Split(' ')[1]));
    }

    public GramRig Gram { get; }

    public SshGateway Ssh { get; }

    public LaptopCli Laptop { get; }

    public string Launcher { get; }

    public string Guest { get; }

    public string Fingerprint { get; }

    /// <summary>Gets the gateway user's home (the rig's HOME), under which the gateway root lies.</summary>
    public string GatewayHome => Gram.Environment["HOME"];

    public static async Task<GatewayJobRig> StartAsync()
    {
        var launcher = await PublishedLauncher.PathAsync();
        var guest = await GuestArtifacts.DirectoryAsync();
        _ = BuiltBundle.Archive;
        // A site limit of one running VM, as a gateway that forks VMs would set: a second GRAM job waits PENDING.
        var gram = GramRig.Start("vm", maxRunning: 1);
        var environment = new Dictionary<string, string>(gram.Environment)
        {
            ["VMMIDDLEWARE_GRAM_CONTACT"] = gram.Contact,
            ["VMMIDDLEWARE_CACHE"] = QemuEnvironment.CacheRoot,
        };
        return new GatewayJobRig(gram, SshGateway.Start(environment), new LaptopCli(), launcher, guest);
    }

    /// <summary>Writes a work unit (and numbers.txt beside it) into the laptop's directory and returns its path.</summary>
    public string WorkUnit(string name, string script, bool withInput = false, params string[] outputs)
    {
        var directory = Path.Combine(Laptop.Directory, "units");
        Directory.CreateDirectory(directory);
        File.Copy(Path.Combine(QemuEnvironment.Examples, "numbers.txt"), Path.Combine(directory, "numbers.txt"), overwrite: true);
        var path = Path.Combine(directory, name + ".workunit.xml");
        var input = withInput ? "<inputs><file source=\"numbers.txt\"/></inputs>" : string.Empty;
        var declared = outputs.Length == 0 ? string.Empty : "<outputs>" + string.Concat(outputs.Select(o => $"<file path=\"{o}\"/>")) + "</outputs>";
        File.WriteAllText(path, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <workunit xmlns="urn:vmmiddleware:workunit:1" name="{name}">
              <image kind="reference-guest"/>
              <hardware vcpus="1" memory="256M" disk="256M"/>
              <command executable="/bin/sh" workingDirectory="/work"><arg>-c</arg><arg>{System.Security.SecurityElement.Escape(script)}</arg></command>
              {input}
              {declared}
              <limits wallTime="PT30M" maxOutput="64M" heartbeatTimeout="PT2M"/>
              <checkpoint onEviction="false" afterBoot="false"/>
              <network mode="none"/>
            </workunit>
            """);
        return path;
    }

    /// <summary>Runs vmgrid submit --gateway through <paramref name="port"/> (the sshd, or a proxy in front of it) into the gateway root <paramref name="root"/>.</summary>
    public (int ExitCode, string Stdout, string Stderr) Submit(string workUnit, string target, string root, int port, string localDirectory) =>
        Laptop.Run(
            "submit", workUnit, "--to", target, "-o", localDirectory, "--json",
            "--gateway", $"{Environment.UserName}@127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}", "--identity", Ssh.UserKey, "--host-key", Fingerprint,
            "--remote-root", root, "--launcher", Launcher, "--qemu-bundle", BuiltBundle.Archive, "--guest", Guest);

    /// <summary>Returns the status report vmgrid status --json prints for <paramref name="id"/>.</summary>
    public JsonObject Status(string id)
    {
        var (exit, stdout, stderr) = Laptop.Run("status", id, "--json");
        Assert.AreEqual(0, exit, stdout + stderr);
        return JsonNode.Parse(stdout)!.AsObject();
    }

    /// <summary>Polls vmgrid status until <paramref name="done"/> holds; returns every distinct (native, state) pair seen, in order, and the last report.</summary>
    public (List<(string Native, string State)> Seen, JsonObject Last) WaitFor(string id, Func<JsonObject, bool> done, TimeSpan timeout)
    {
        var seen = new List<(string Native, string State)>();
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var report = Status(id);
            var state = State(report);
            var native = report["status"]?["native"]?.GetValue<string>() ?? state;
            if (seen.Count == 0 || seen[^1] != (native, state))
            {
                seen.Add((native, state));
            }

            if (done(report))
            {
                return (seen, report);
            }

            Assert.IsTrue(watch.Elapsed < timeout, $"job {id} did not get there within {timeout}; states seen: {Trace(seen)}; last: {report}");
            Thread.Sleep(500);
        }
    }

    /// <summary>Formats what <see cref="WaitFor"/> saw as "GRAM PENDING (idle) -> ...".</summary>
    public static string Trace(IEnumerable<(string Native, string State)> seen) => string.Join(" -> ", seen.Select(s => $"{s.Native} ({s.State})"));

    public static string State(JsonObject report) => report["status"]!["state"]!.GetValue<string>();

    public void Dispose()
    {
        Ssh.Dispose();
        Laptop.Dispose();
        Gram.Dispose();
    }
}
