using System.Diagnostics;

namespace VmMiddleware.Qemu.Bundle;

/// <summary>Runs a host tool (ldd, qemu --version) and returns what it printed.</summary>
internal static class ToolOutput
{
    public static string Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // ldd and QEMU print in the C locale whatever the caller's locale is.
        start.Environment["LC_ALL"] = "C";
        using var process = Process.Start(start) ?? throw new IOException($"cannot start {file}");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new IOException($"{file} {string.Join(' ', args)} exited with {process.ExitCode}: {stderr.Result.Trim()}");
        }

        return stdout;
    }
}
