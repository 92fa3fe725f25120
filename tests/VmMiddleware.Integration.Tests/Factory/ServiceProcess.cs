using System.Diagnostics;
using System.Globalization;

namespace VmMiddleware.Integration.Tests.Factory;

/// <summary>The factory service as an operator runs it: <c>vmgrid serve --config FILE</c> (vmgrid execs vmgrid-serve) as a child process.</summary>
internal sealed class ServiceProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private ServiceProcess(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    public Uri Url { get; }

    public int Pid => _process.Id;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    public static ServiceProcess Start(string config)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "vmgrid.dll"), "serve", "--config", config })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info)!;
        var output = new List<string>();
        var ready = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Line(string? line)
        {
            if (line is null)
            {
                ready.TrySetException(new AssertFailedException("vmgrid serve ended before listening:\n" + string.Join('\n', output)));
                return;
            }

            lock (output)
            {
                output.Add(line);
            }

            const string marker = "listening on ";
            if (line.Contains(marker, StringComparison.Ordinal))
            {
                ready.TrySetResult(new Uri(line[(line.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..].Trim()));
            }
        }

        process.OutputDataReceived += (_, e) => Line(e.Data);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (output)
                {
                    output.Add(e.Data);
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!ready.Task.Wait(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new AssertFailedException("vmgrid serve did not start listening within 3 minutes:\n" + string.Join('\n', output));
        }

        var started = new ServiceProcess(process, ready.Task.Result);
        lock (output)
        {
            started._output.AddRange(output);
        }

        return started;
    }

    /// <summary>Every process below the service (builder VMs and their helpers), from /proc.</summary>
    public IReadOnlyList<int> Descendants()
    {
        var found = new List<int>();
        var frontier = new Queue<int>([Pid]);
        while (frontier.Count > 0)
        {
            var pid = frontier.Dequeue();
            foreach (var task in Directory.Exists($"/proc/{pid}/task") ? Directory.GetDirectories($"/proc/{pid}/task") : [])
            {
                var children = File.Exists(Path.Combine(task, "children")) ? File.ReadAllText(Path.Combine(task, "children")) : string.Empty;
                foreach (var child in children.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(c => int.Parse(c, CultureInfo.InvariantCulture)))
                {
                    found.Add(child);
                    frontier.Enqueue(child);
                }
            }
        }

        return found;
    }

    /// <summary>Sends SIGKILL to the service (not to its children) and waits for it to end.</summary>
    public void KillHard()
    {
        using var kill = Process.Start("kill", ["-KILL", Pid.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.IsTrue(_process.WaitForExit(TimeSpan.FromSeconds(30)), "the service survived SIGKILL");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(TimeSpan.FromSeconds(30));
        }

        _process.Dispose();
    }
}
