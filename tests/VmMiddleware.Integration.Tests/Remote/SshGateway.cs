using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace VmMiddleware.Integration.Tests.Remote;

/// <summary>A real OpenSSH sshd on 127.0.0.1 for one test class: private config, throwaway host and user keys, a port picked by the kernel, the session environment set with SetEnv; stopped by its PID.</summary>
internal sealed class SshGateway : IDisposable
{
    private readonly Process sshd;
    private bool stopped;

    private SshGateway(string directory, int port, Process sshd)
    {
        Directory = directory;
        Port = port;
        this.sshd = sshd;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Dispose();
    }

    /// <summary>Gets the fixture's directory: config, keys, known_hosts.</summary>
    public string Directory { get; }

    /// <summary>Gets the port sshd listens on.</summary>
    public int Port { get; }

    /// <summary>Gets user@127.0.0.1:port.</summary>
    public string Address => $"{Environment.UserName}@127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Gets the private key sshd accepts.</summary>
    public string UserKey => Path.Combine(Directory, "user_key");

    /// <summary>Gets a private key sshd does not accept.</summary>
    public string StrangerKey => Path.Combine(Directory, "stranger_key");

    /// <summary>Gets a known_hosts file that names sshd's host key for [127.0.0.1]:port.</summary>
    public string KnownHosts => Path.Combine(Directory, "known_hosts");

    /// <summary>Gets sshd's host key as a known_hosts key field (type and base64).</summary>
    public string HostKeyLine => File.ReadAllText(Path.Combine(Directory, "host_key.pub")).Trim();

    /// <summary>Starts sshd with <paramref name="environment"/> set in every session (HOME among them).</summary>
    public static SshGateway Start(IReadOnlyDictionary<string, string> environment)
    {
        var sshdPath = "/usr/sbin/sshd";
        Assert.IsTrue(File.Exists(sshdPath), "sshd is missing: scripts/setup.sh installs openssh-server");
        var keygen = RequiredTool.Find("ssh-keygen");
        var directory = System.IO.Directory.CreateTempSubdirectory("vmgrid-sshd-").FullName;
        foreach (var key in new[] { "host_key", "user_key", "stranger_key" })
        {
            Run(keygen, ["-q", "-t", "ed25519", "-N", "", "-C", key, "-f", Path.Combine(directory, key)]);
        }

        File.Copy(Path.Combine(directory, "user_key.pub"), Path.Combine(directory, "authorized_keys"));
        if (Environment.UserName == "root")
        {
            System.IO.Directory.CreateDirectory("/run/sshd");
        }

        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            var config = Path.Combine(directory, "sshd_config");
            var lines = new List<string>
            {
                $"Port {port}",
                "ListenAddress 127.0.0.1",
                $"HostKey {directory}/host_key",
                $"PidFile {directory}/sshd.pid",
                $"AuthorizedKeysFile {directory}/authorized_keys",
                "StrictModes no",
                "UsePAM no",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PubkeyAuthentication yes",
                "PermitRootLogin prohibit-password",
                "Subsystem sftp internal-sftp",
                "MaxSessions 50",
                "MaxStartups 50",
            };
            // sshd keeps the first value of each keyword: every variable goes on one SetEnv line.
            if (environment.Count > 0)
            {
                lines.Add("SetEnv " + string.Join(' ', environment.Select(pair => $"\"{pair.Key}={pair.Value}\"")));
            }

            File.WriteAllLines(config, lines);
            var info = new ProcessStartInfo(sshdPath) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var argument in new[] { "-D", "-e", "-f", config })
            {
                info.ArgumentList.Add(argument);
            }

            var process = Process.Start(info)!;
            var listening = new TaskCompletionSource<bool>();
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data?.Contains("Server listening", StringComparison.Ordinal) == true)
                {
                    listening.TrySetResult(true);
                }
            };
            process.OutputDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
            process.EnableRaisingEvents = true;
            process.Exited += (_, _) => listening.TrySetResult(false);
            if (listening.Task.Wait(TimeSpan.FromSeconds(30)) && listening.Task.Result)
            {
                File.WriteAllText(Path.Combine(directory, "known_hosts"), $"[127.0.0.1]:{port} {File.ReadAllText(Path.Combine(directory, "host_key.pub")).Trim()}\n");
                return new SshGateway(directory, port, process);
            }

            process.Kill();
            process.Dispose();
            Assert.IsTrue(attempt < 3, "sshd did not start listening in three attempts");
        }
    }

    /// <summary>Writes a known_hosts file with <paramref name="lines"/> and returns its path.</summary>
    public string WriteKnownHosts(string name, params string[] lines)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    /// <summary>Stops sshd by its process and removes the fixture's directory.</summary>
    public void Dispose()
    {
        if (stopped)
        {
            return;
        }

        stopped = true;
        try
        {
            sshd.Kill();
            sshd.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        sshd.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Run(string file, string[] arguments)
    {
        var info = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.AreEqual(0, process.ExitCode, $"{file} failed: {stderr}");
    }
}
