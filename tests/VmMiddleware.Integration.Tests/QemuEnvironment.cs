using System.Diagnostics;
using VmMiddleware.Host.DiskImages;
using VmMiddleware.Host.Processes;
using VmMiddleware.Qemu.Installation;
using VmMiddleware.Qemu.Launch;
using VmMiddleware.WorkUnits;
using VmMiddleware.WorkUnits.Xml;

namespace VmMiddleware.Integration.Tests;

/// <summary>The real QEMU and the real reference guest (built once with src/guest/build.sh into the shared cache), and helpers to run work units.</summary>
internal static class QemuEnvironment
{
    private static readonly Lazy<GuestKernel> LazyGuest = new(BuildGuest);

    public static string RepoRoot { get; } = FindRepoRoot();

    public static string CacheRoot { get; } = Environment.GetEnvironmentVariable("VMMIDDLEWARE_CACHE") is { Length: > 0 } c ? c : Path.Combine(RepoRoot, "artifacts", "cache");

    public static GuestKernel Guest => LazyGuest.Value;

    public static QemuInstallation Qemu
    {
        get
        {
            foreach (var tool in new[] { "qemu-system-x86_64", "qemu-img" })
            {
                RequiredTool.Find(tool);
            }

            return QemuLocator.Locate(new QemuLocatorOptions
            {
                Binary = Environment.GetEnvironmentVariable("VMMIDDLEWARE_QEMU") is { Length: > 0 } binary ? binary : null,
                SearchPath = ProgramSearch.Split(Environment.GetEnvironmentVariable("PATH")),
            });
        }
    }

    /// <summary>Gets the qemu-img client of the system's qemu-img, run by the real process runner.</summary>
    public static QemuImg QemuImg => new(ProcessRunner.Default, new QemuImgOptions(RequiredTool.Find("qemu-img")));

    public static string Examples => Path.Combine(RepoRoot, "schemas", "examples");

    public static string NewWorkDirectory(string name) => Directory.CreateTempSubdirectory("vmgrid-it-" + name + "-").FullName;

    public static LaunchOptions Options(string workDirectory, Action<string>? progress = null) => new()
    {
        WorkDirectory = workDirectory,
        Qemu = Qemu,
        Guest = Guest,
        CacheRoot = CacheRoot,
        Progress = progress,
    };

    public static Task<LaunchResult> RunAsync(WorkUnit unit, string workDirectory, Action<string>? progress = null, bool fromBootCheckpoint = false) =>
        new Launcher(Options(workDirectory, progress) with { FromBootCheckpoint = fromBootCheckpoint }).RunAsync(unit, CancellationToken.None, CancellationToken.None);

    public static WorkUnit Shell(string name, string script, Limits? limits = null) => new()
    {
        Name = name,
        Command = new GuestCommand { Executable = "/bin/sh", Arguments = ["-c", script] },
        Limits = limits ?? Limits.Default,
    };

    public static WorkUnit Example(string file) => WorkUnitReader.Read(Path.Combine(Examples, file));

    /// <summary>Starts vmgrid (the real CLI) as a child process; its stderr lines are collected.</summary>
    public static (Process Process, List<string> Stderr) StartCli(params string[] arguments) => StartCli(new Dictionary<string, string>(), arguments);

    /// <summary>Starts vmgrid with extra environment variables (for example its own VMMIDDLEWARE_CACHE).</summary>
    public static (Process Process, List<string> Stderr) StartCli(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "vmgrid.dll"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["VMMIDDLEWARE_CACHE"] = CacheRoot;
        info.Environment["VMMIDDLEWARE_GUEST"] = Guest.Directory;
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var lines = new List<string>();
        var process = new Process { StartInfo = info };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (lines)
                {
                    lines.Add(e.Data);
                }
            }
        };
        process.Start();
        process.BeginErrorReadLine();
        return (process, lines);
    }

    public static void WaitForLine(List<string> lines, string text, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            lock (lines)
            {
                if (lines.Any(l => l.Contains(text, StringComparison.Ordinal)))
                {
                    return;
                }
            }

            Thread.Sleep(50);
        }

        lock (lines)
        {
            Assert.Fail($"no '{text}' within {timeout}: " + string.Join('\n', lines));
        }
    }

    /// <summary>Finds the QEMU running for <paramref name="workDirectory"/> (its command line names the work directory's files).</summary>
    public static int? RecordedQemuPid(string workDirectory)
    {
        for (var i = 0; i < 100; i++)
        {
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), out var pid))
                {
                    continue;
                }

                try
                {
                    var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline"));
                    if (cmdline.StartsWith(RequiredTool.Find("qemu-system-x86_64"), StringComparison.Ordinal) && cmdline.Contains(workDirectory + "/", StringComparison.Ordinal))
                    {
                        return pid;
                    }
                }
                catch (IOException)
                {
                    // The process ended meanwhile.
                }
            }

            Thread.Sleep(50);
        }

        return null;
    }

    /// <summary>Lists the QEMU processes whose command line mentions <paramref name="path"/> (a work directory, a cache root).</summary>
    public static List<int> QemuPidsMentioning(string path)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                if (int.TryParse(Path.GetFileName(dir), out var pid) && IsRunning(pid)
                    && File.ReadAllText(Path.Combine(dir, "cmdline")) is { } cmdline
                    && cmdline.Contains("qemu-system", StringComparison.Ordinal) && cmdline.Contains(path, StringComparison.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
                // The process ended meanwhile.
            }
        }

        return found;
    }

    /// <summary>Waits up to <paramref name="timeout"/> until no QEMU mentions <paramref name="path"/>; returns those still running.</summary>
    public static List<int> WaitForNoQemu(string path, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        var left = QemuPidsMentioning(path);
        while (left.Count > 0 && watch.Elapsed < timeout)
        {
            Thread.Sleep(50);
            left = QemuPidsMentioning(path);
        }

        foreach (var pid in left)
        {
            Signal(pid, "KILL"); // never leave one behind for the next test
        }

        return left;
    }

    public static bool IsRunning(int pid) => Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);

    public static void Signal(int pid, string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public static Dictionary<string, string> ReadTree(string directory) =>
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .ToDictionary(p => Path.GetRelativePath(directory, p), File.ReadAllText);

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "src", "guest", "build.sh")))
            {
                return dir.FullName;
            }
        }

        throw new AssertFailedException("cannot find src/guest/build.sh above " + AppContext.BaseDirectory);
    }

    private static GuestKernel BuildGuest()
    {
        RequiredTool.Find("cpio");
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(RepoRoot, "src", "guest", "build.sh"));
        info.ArgumentList.Add(Path.Combine(CacheRoot, "guest"));
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.AreEqual(0, process.ExitCode, "src/guest/build.sh failed");
        return GuestKernel.Load(output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1].Trim());
    }
}
