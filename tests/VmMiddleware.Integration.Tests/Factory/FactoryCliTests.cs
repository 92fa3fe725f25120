using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace VmMiddleware.Integration.Tests.Factory;

/// <summary>The command-line side: <c>vmgrid build --factory</c>, the sample WCF client, <c>vmgrid serve --check-config</c>, and the systemd readiness notification.</summary>
[TestClass]
[TestCategory("Integration")]
public sealed class FactoryCliTests
{
    [TestMethod]
    public async Task Build_WithFactory_ShowsProgressDownloadsAndChecksTheImage()
    {
        var rig = await FactoryRig.Shared;
        var (directory, config) = NoteConfig(rig, "cli", "shipped by vmgrid build --factory\n");
        var output = Path.Combine(directory, "cli.qcow2");
        var (process, stderr) = QemuEnvironment.StartCli(
            "build", config, "--factory", rig.Url.ToString(), "--proxy", FactoryRig.Pki.AliceProxy, "--trust", FactoryRig.Pki.TrustDirectory, "-o", output);
        using (process)
        {
            var stdout = await process.StandardOutput.ReadToEndAsync();
            Assert.IsTrue(process.WaitForExit(TimeSpan.FromMinutes(20)), "vmgrid build --factory did not finish");
            Assert.AreEqual(0, process.ExitCode, stdout + string.Join('\n', stderr));
            StringAssert.Contains(stdout, "cache hits: 1 of 2 nodes; built 1");
            var sum = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(output)));
            StringAssert.Contains(stdout, "sha256 " + sum);
            StringAssert.StartsWith(File.ReadAllText(output + ".sha256"), sum + "  cli.qcow2");
            Assert.IsTrue(stderr.Any(l => l.Contains("vmgrid: ticket ", StringComparison.Ordinal)), string.Join('\n', stderr));
            Assert.IsTrue(stderr.Any(l => l.Contains("MiB written", StringComparison.Ordinal)), "the local build's progress display: " + string.Join('\n', stderr));
            var note = Images.ImageTools.Run("qemu-img", "check", output);
            Assert.AreEqual(0, note.ExitCode, note.StandardOutput);
        }

        // A refused request: one line, exit 1.
        var (refused, refusedErr) = QemuEnvironment.StartCli("build", config, "--factory", rig.Url.ToString(), "--cert", FactoryRig.Pki.User("bob"), "--trust", FactoryRig.Pki.TrustDirectory);
        using (refused)
        {
            Assert.IsTrue(refused.WaitForExit(TimeSpan.FromMinutes(5)));
            refused.WaitForExit(); // the timed wait does not wait for the redirected stderr to be read to its end
            Assert.AreEqual(1, refused.ExitCode);
            Assert.IsTrue(refusedErr.Any(l => l.Contains("is not in the grid-mapfile", StringComparison.Ordinal)), string.Join('\n', refusedErr));
            Assert.IsFalse(refusedErr.Any(l => l.Contains("   at ", StringComparison.Ordinal)), "no stack trace");
        }
    }

    [TestMethod]
    public async Task Build_WithFactoryChain_WritesEveryLayerTheirSumsAndTopIntoANewDirectory()
    {
        var rig = await FactoryRig.Shared;
        var (directory, config) = NoteConfig(rig, "chain", "shipped by vmgrid build --factory --chain\n");
        var output = Path.Combine(directory, "chain");
        string[] arguments = ["build", config, "--factory", rig.Url.ToString(), "--proxy", FactoryRig.Pki.AliceProxy, "--trust", FactoryRig.Pki.TrustDirectory, "--chain", "-o", output];
        var (process, stderr) = QemuEnvironment.StartCli(arguments);
        using (process)
        {
            var stdout = await process.StandardOutput.ReadToEndAsync();
            Assert.IsTrue(process.WaitForExit(TimeSpan.FromMinutes(20)), "vmgrid build --factory --chain did not finish");
            Assert.AreEqual(0, process.ExitCode, stdout + string.Join('\n', stderr));
            var top = File.ReadAllText(Path.Combine(output, "TOP")).Trim();
            var sums = File.ReadAllLines(Path.Combine(output, "SHA256SUMS"));
            Assert.HasCount(2, sums, "the base and the copy's layer");
            foreach (var line in sums)
            {
                var (sum, name) = (line[..64], line[66..]);
                Assert.AreEqual(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(output, name)))), sum, name);
            }

            Assert.AreEqual(top, sums[^1][66..], "the top layer is the last of the chain");
            StringAssert.Contains(stdout, "sha256 " + sums[^1][..64]);
            var check = Images.ImageTools.Run("qemu-img", "check", Path.Combine(output, top));
            Assert.AreEqual(0, check.ExitCode, check.StandardOutput);
            Assert.IsEmpty(Directory.GetFileSystemEntries(directory, ".tmp-*"), "no temporary directory or partial file left");
        }

        // The directory exists now: one line, exit 1, nothing downloaded.
        var (again, againErr) = QemuEnvironment.StartCli(arguments);
        using (again)
        {
            Assert.IsTrue(again.WaitForExit(TimeSpan.FromMinutes(10)));
            again.WaitForExit();
            Assert.AreEqual(1, again.ExitCode);
            Assert.IsTrue(againErr.Any(l => l.Contains(output + " already exists; --chain writes a new directory", StringComparison.Ordinal)), string.Join('\n', againErr));
        }
    }

    [TestMethod]
    public async Task SampleClient_PlainWcf_BuildsDownloadsAndChecks()
    {
        var rig = await FactoryRig.Shared;
        var directory = Directory.CreateDirectory(Path.Combine(rig.Dags, "sample-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        var config = Path.Combine(directory, "sample.vmconfig.xml");
        File.WriteAllText(config, FactoryRig.Dag("sample", string.Empty));
        var output = Path.Combine(directory, "sample.qcow2");
        var (code, stdout, stderr) = Run("dotnet", Path.Combine(AppContext.BaseDirectory, "factory-client.dll"), rig.Url.ToString(), config, output, "--proxy", FactoryRig.Pki.AliceProxy, "--trust", FactoryRig.Pki.TrustDirectory);
        Assert.AreEqual(0, code, stdout + stderr);
        var fields = stdout.Trim().Split(' ');
        Assert.HasCount(4, fields, stdout);
        Assert.AreEqual(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(output))), fields[3]);
    }

    [TestMethod]
    public void ServeCheckConfig_BadValue_OneLineWithPosition()
    {
        var directory = Directory.CreateTempSubdirectory("vmgrid-serve-config-").FullName;
        try
        {
            var config = Path.Combine(directory, "factory.conf");
            File.WriteAllText(config, "# a site's configuration\nlisten = 0.0.0.0:8443\nstore-cap = 12 parsecs\n");
            var (code, stdout, stderr) = Run("dotnet", Path.Combine(AppContext.BaseDirectory, "vmgrid.dll"), "serve", "--check-config", config);
            Assert.AreEqual(1, code, stdout + stderr);
            var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.HasCount(1, lines, stderr);
            StringAssert.StartsWith(lines[0], $"vmgrid serve: {config}(line 3, column 15): '12 parsecs' is not a size for store-cap");

            File.WriteAllText(config, "listen = 0.0.0.0:8443\nlisen = 1\n");
            (code, _, stderr) = Run("dotnet", Path.Combine(AppContext.BaseDirectory, "vmgrid.dll"), "serve", "--check-config", config);
            Assert.AreEqual(1, code);
            StringAssert.Contains(stderr, "(line 2, column 1): unknown setting 'lisen'");

            File.WriteAllText(config, FactoryRig.ConfigText(Path.Combine(directory, "data"), Path.Combine(directory, "store"), string.Empty));
            (code, stdout, stderr) = Run("dotnet", Path.Combine(AppContext.BaseDirectory, "vmgrid.dll"), "serve", "--check-config", config);
            Assert.AreEqual(0, code, stderr);
            StringAssert.Contains(stdout, ": OK: listen 127.0.0.1:0, host '/C=XX/O=VmMiddleware Test/CN=localhost', 1 CA(s), 1 CRL(s), 7 mapped subject(s)");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [TestMethod]
    public void Serve_UnderSystemd_NotifiesReadyOnNotifySocket()
    {
        var directory = Directory.CreateTempSubdirectory("vmgrid-serve-notify-").FullName;
        var socketPath = Path.Combine(directory, "notify");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(socketPath));
        var config = Path.Combine(directory, "factory.conf");
        File.WriteAllText(config, FactoryRig.ConfigText(Path.Combine(directory, "data"), Path.Combine(directory, "store"), string.Empty));
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "vmgrid.dll"), "serve", "--config", config })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["NOTIFY_SOCKET"] = socketPath;
        using var process = Process.Start(info)!;
        try
        {
            var buffer = new byte[4096];
            socket.ReceiveTimeout = 120_000;
            var received = Encoding.UTF8.GetString(buffer, 0, socket.Receive(buffer));
            StringAssert.Contains(received, "READY=1", "Type=notify: the service tells systemd when it listens");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static (int Code, string Stdout, string Stderr) Run(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        Assert.IsTrue(process.WaitForExit(TimeSpan.FromMinutes(20)), program + " did not finish");
        return (process.ExitCode, stdout.Result, stderr);
    }

    // A new directory under the rig's DAGs with data/note.txt, and NAME.vmconfig.xml: the base and a copy of the note onto it.
    private static (string Directory, string Config) NoteConfig(FactoryRig rig, string name, string note)
    {
        var directory = Directory.CreateDirectory(Path.Combine(rig.Dags, name + "-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        Directory.CreateDirectory(Path.Combine(directory, "data"));
        File.WriteAllText(Path.Combine(directory, "data", "note.txt"), note);
        var config = Path.Combine(directory, name + ".vmconfig.xml");
        File.WriteAllText(config, FactoryRig.Dag(name, "<copy id=\"note\" source=\"data/note.txt\" target=\"/etc/note.txt\"/>"));
        return (directory, config);
    }
}
