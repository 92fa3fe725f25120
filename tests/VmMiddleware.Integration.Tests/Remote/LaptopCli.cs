using System.Diagnostics;

namespace VmMiddleware.Integration.Tests.Remote;

/// <summary>Runs this build's vmgrid as a user's laptop would: its own HOME (no ~/.ssh keys), its own job catalogue, no ssh-agent.</summary>
internal sealed class LaptopCli : IDisposable
{
    public LaptopCli() => System.IO.Directory.CreateDirectory(Path.Combine(Directory, "home"));

    /// <summary>Gets the laptop's directory: HOME, catalogue, job directories.</summary>
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("vmgrid-laptop-").FullName;

    public string Catalogue => Path.Combine(Directory, "jobs.db");

    /// <summary>Runs vmgrid with <paramref name="arguments"/> in the laptop's directory and returns its exit code and output.</summary>
    public (int ExitCode, string Stdout, string Stderr) Run(params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Directory };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "vmgrid.dll"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["HOME"] = Path.Combine(Directory, "home");
        info.Environment["VMMIDDLEWARE_CATALOGUE"] = Catalogue;
        info.Environment.Remove("SSH_AUTH_SOCK");
        info.Environment.Remove("VMMIDDLEWARE_GUEST");
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"vmgrid {string.Join(' ', arguments)} did not finish within 10 minutes");
        }

        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
