using System.Runtime.Versioning;

namespace VmMiddleware.Integration.Tests.Support;

/// <summary>
/// A throw-away root directory standing in for an execute host that has neither QEMU nor .NET:
/// a static busybox as /bin/sh, an empty /tmp, and in /dev only null, zero, random and urandom
/// (made with mknod: the test runs as root). There is no /usr, /lib or /etc. Programs run in it
/// with chroot as uid/gid 65534 and an environment of PATH=/bin alone. A production host (an
/// HTCondor slot) has its normal /dev and /proc.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class ExecuteHostRoot : IDisposable
{
    private ExecuteHostRoot(string path) => Path = path;

    public string Path { get; }

    public static async Task<ExecuteHostRoot> CreateAsync()
    {
        Assert.IsTrue(Environment.IsPrivilegedProcess, "the execute-host proofs chroot into a minimal root and need root (CI runs as root)");
        var busybox = RequiredTool.Find("busybox");
        var ldd = await ToolRun.RunAsync(RequiredTool.Find("ldd"), [busybox], inheritEnvironment: true);
        Assert.AreNotEqual(0, ldd.ExitCode, "busybox must be the static build (Debian: busybox-static): " + ldd);

        var root = new ExecuteHostRoot(Directory.CreateTempSubdirectory("vmgrid-host-root-").FullName);
        foreach (var dir in new[] { "bin", "tmp", "dev", "job" })
        {
            Directory.CreateDirectory(root.At(dir));
        }

        File.SetUnixFileMode(root.At("tmp"), (UnixFileMode)Convert.ToInt32("1777", 8));
        File.SetUnixFileMode(root.Path, (UnixFileMode)Convert.ToInt32("755", 8));
        File.Copy(busybox, root.At("bin/busybox"));
        File.CreateSymbolicLink(root.At("bin/sh"), "busybox");
        var mknod = RequiredTool.Find("mknod");
        foreach (var (name, minor) in new[] { ("null", "3"), ("zero", "5"), ("random", "8"), ("urandom", "9") })
        {
            var made = await ToolRun.RunAsync(mknod, ["-m", "666", root.At("dev/" + name), "c", "1", minor], inheritEnvironment: true);
            Assert.AreEqual(0, made.ExitCode, made.ToString());
        }

        return root;
    }

    /// <summary>Gets the host path of a path inside the root.</summary>
    public string At(string inside) => System.IO.Path.Combine(Path, inside.TrimStart('/'));

    /// <summary>Copies the libraries ldd names for a host program into /lib/x86_64-linux-gnu and its loader into /lib64: the base system (glibc, libstdc++) every Linux host has.</summary>
    public async Task AddBaseSystemLibrariesForAsync(string program)
    {
        var ldd = await ToolRun.RunAsync(RequiredTool.Find("ldd"), [program], inheritEnvironment: true);
        Assert.AreEqual(0, ldd.ExitCode, ldd.ToString());
        foreach (var line in ldd.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var arrow = line.IndexOf(" => ", StringComparison.Ordinal);
            var source = (arrow >= 0 ? line[(arrow + 4)..] : line).Split(" (")[0].Trim();
            if (!source.StartsWith('/'))
            {
                continue;
            }

            var target = arrow >= 0 ? At("lib/x86_64-linux-gnu/" + line[..arrow].Trim()) : At(source);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(source, target, overwrite: true);
        }
    }

    /// <summary>Copies the reference guest's files (kernel, initramfs, command lines) into <paramref name="inside"/>.</summary>
    public async Task AddGuestAsync(string inside)
    {
        var guest = await GuestArtifacts.DirectoryAsync();
        Directory.CreateDirectory(At(inside));
        foreach (var name in new[] { "vmlinux", "initramfs.cpio", "kernel.cmdline", "kernel-wait.cmdline" })
        {
            File.Copy(System.IO.Path.Combine(guest, name), At(inside + "/" + name));
        }
    }

    /// <summary>Copies named libraries from the host's multiarch library directories into /lib/x86_64-linux-gnu.</summary>
    public void AddSystemLibraries(params string[] sonames)
    {
        foreach (var soname in sonames)
        {
            var source = new[] { "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu" }.Select(d => System.IO.Path.Combine(d, soname)).FirstOrDefault(File.Exists)
                ?? throw new AssertFailedException($"{soname} is not installed on this host (Debian: libssl3)");
            Directory.CreateDirectory(At("lib/x86_64-linux-gnu"));
            File.Copy(source, At("lib/x86_64-linux-gnu/" + soname), overwrite: true);
        }
    }

    /// <summary>Runs a program inside the root as uid/gid 65534; with <paramref name="withProc"/> in fresh mount and PID namespaces that have their own /proc.</summary>
    public Task<ToolRun.Result> RunAsync(IEnumerable<string> command, string? stdin = null, IReadOnlyDictionary<string, string>? environment = null, bool withProc = false, TimeSpan? timeout = null)
    {
        var chroot = new List<string> { RequiredTool.Find("chroot"), "--userspec=65534:65534", Path };
        var args = withProc
            ? new List<string> { "--mount", "--pid", "--fork", "--mount-proc=" + At("proc") }.Concat(chroot)
            : chroot.Skip(1);
        if (withProc)
        {
            Directory.CreateDirectory(At("proc"));
        }

        var file = withProc ? RequiredTool.Find("unshare") : chroot[0];
        return ToolRun.RunAsync(file, args.Concat(command), stdin, timeout, environment);
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
