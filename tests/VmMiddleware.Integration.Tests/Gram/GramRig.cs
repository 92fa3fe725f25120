using System.Diagnostics;
using System.Globalization;
using VmMiddleware.Translation.Rsl;

namespace VmMiddleware.Integration.Tests.Gram;

/// <summary>A real GRAM5 personal gatekeeper on 127.0.0.1, started with tests/gram/gram-rig.sh and stopped by its PID files.</summary>
/// <remarks>Each test class owns one rig (class-level initialise and cleanup), so no assembly-wide hook is needed;
/// a process-exit handler stops rigs a crashed run would leave behind.</remarks>
internal sealed class GramRig : IDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(5);

    private readonly string script;
    private bool stopped;

    private GramRig(string script, string directory, string contact, IReadOnlyDictionary<string, string> environment, TimeSpan startTime)
    {
        this.script = script;
        Directory = directory;
        Contact = contact;
        Environment = environment;
        StartTime = startTime;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Dispose();
    }

    /// <summary>Gets the rig's directory: CA, credentials, logs, and a scratch area for the tests.</summary>
    public string Directory { get; }

    /// <summary>Gets the gatekeeper contact, localhost:PORT:SUBJECT.</summary>
    public string Contact { get; }

    /// <summary>Gets the environment variables a Globus client needs (X509_*, HOME, TMPDIR, ...).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>Gets how long start took.</summary>
    public TimeSpan StartTime { get; }

    /// <summary>Gets the repository root (the directory holding VmMiddleware.sln).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>Starts a rig whose gatekeeper runs jobs through <paramref name="lrm"/> (fork, or an adapter from gram-adapters/); for vm, <paramref name="maxRunning"/> sets the site limit on running jobs (a rig of its own).</summary>
    public static GramRig Start(string lrm, int? maxRunning = null)
    {
        var bash = RequiredTool.Find("bash");
        var script = Path.Combine(RepositoryRoot, "tests", "gram", "gram-rig.sh");
        var name = maxRunning is { } max ? lrm + "-max" + max.ToString(CultureInfo.InvariantCulture) : lrm;
        var directory = Path.Combine(Path.GetTempPath(), "vmmiddleware-gram-" + System.Environment.ProcessId.ToString(CultureInfo.InvariantCulture), name);
        var settings = maxRunning is { } limit ? new Dictionary<string, string> { ["GRAM_RIG_VM_MAX_RUNNING"] = limit.ToString(CultureInfo.InvariantCulture) } : null;
        var watch = Stopwatch.StartNew();
        var (exit, stdout, stderr) = Run(bash, [script, "start", directory, lrm], settings, TimeSpan.FromMinutes(15));
        watch.Stop();
        if (exit != 0)
        {
            Run(bash, [script, "stop", directory], null, CommandTimeout);
            throw new AssertFailedException($"gram-rig.sh start failed with exit code {exit}:\n{stderr}\n{stdout}");
        }

        var environment = File.ReadAllLines(Path.Combine(directory, "env"))
            .Where(line => line.Contains('=', StringComparison.Ordinal))
            .ToDictionary(line => line[..line.IndexOf('=', StringComparison.Ordinal)], line => line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..]);
        var contact = File.ReadAllText(Path.Combine(directory, "contact")).Trim();
        return new GramRig(script, directory, contact, environment, watch.Elapsed);
    }

    /// <summary>Runs a Globus client command with the rig's environment.</summary>
    public (int ExitCode, string Stdout, string Stderr) Client(string tool, params string[] arguments) =>
        Run(RequiredTool.Find(tool), arguments, Environment, CommandTimeout);

    /// <summary>Submits <paramref name="request"/> in batch mode (globusrun -b) and returns the job contact.</summary>
    public string SubmitBatch(RslRequest request)
    {
        var (exit, stdout, stderr) = Client("globusrun", "-q", "-b", "-r", Contact, RslWriter.Write(request));
        Assert.AreEqual(0, exit, stdout + stderr);
        return stdout.Split('\n').Single(line => line.StartsWith("https://", StringComparison.Ordinal)).Trim();
    }

    /// <summary>Returns the state globusrun -status prints for <paramref name="job"/>, and adds it to <paramref name="seen"/> when given.</summary>
    public string JobState(string job, List<string>? seen = null)
    {
        var (exit, stdout, stderr) = Client("globusrun", "-status", job);
        Assert.AreEqual(0, exit, stdout + stderr);
        var state = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0];
        seen?.Add(state);
        return state;
    }

    /// <summary>Polls globusrun -status until <paramref name="job"/> is in <paramref name="state"/> (two minutes at most), adding what it sees to <paramref name="seen"/>.</summary>
    public void WaitForJobState(string job, string state, List<string>? seen = null)
    {
        seen ??= [];
        var watch = Stopwatch.StartNew();
        while (JobState(job, seen) != state)
        {
            Assert.IsTrue(watch.Elapsed < TimeSpan.FromMinutes(2), $"{job} did not reach {state}; seen: {string.Join(", ", seen.Distinct())}");
            Thread.Sleep(200);
        }
    }

    /// <summary>Makes a fresh directory under the rig for one test's files.</summary>
    public string NewWorkDirectory(string name)
    {
        var path = Path.Combine(Directory, "work", name + "-" + Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Stops the gatekeeper, job manager and event generator by their PID files, then removes the rig's directory.</summary>
    public void Dispose()
    {
        if (stopped)
        {
            return;
        }

        stopped = true;
        Run("/bin/bash", [script, "stop", Directory], null, CommandTimeout);
        // The job manager's LRM script can outlive it by a few seconds and still write there.
        for (var attempt = 1; attempt <= 10 && System.IO.Directory.Exists(Directory); attempt++)
        {
            try
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
            catch (IOException) when (attempt < 10)
            {
                Thread.Sleep(1000);
            }
            catch (IOException)
            {
                // Left under the temporary directory; harmless.
            }
        }

        var parent = Path.GetDirectoryName(Directory)!;
        if (System.IO.Directory.Exists(parent) && !System.IO.Directory.EnumerateFileSystemEntries(parent).Any())
        {
            System.IO.Directory.Delete(parent);
        }
    }

    private static (int ExitCode, string Stdout, string Stderr) Run(
        string file, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + file);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new AssertFailedException($"{file} {string.Join(' ', info.ArgumentList)} did not finish within {timeout}");
        }

        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "VmMiddleware.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("VmMiddleware.sln not found above " + AppContext.BaseDirectory);
    }
}
