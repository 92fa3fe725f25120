using System.Diagnostics;

namespace VmMiddleware.Integration.Tests.Store;

/// <summary>Runs tests/VmMiddleware.StoreCrashHelper on one configuration and operation, to its end or to the SIGKILL it sends itself at a crash point.</summary>
internal static class StoreCrashRun
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    /// <summary>Runs the helper with <paramref name="args"/> (configuration, operation, store, image[, point[, occurrence]]) and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var helper = Path.Combine(AppContext.BaseDirectory, "VmMiddleware.StoreCrashHelper.dll");
        var start = new ProcessStartInfo(RequiredTool.Find("dotnet"), [helper, .. args]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new AssertFailedException($"the crash helper ({string.Join(' ', args)}) did not end within {Limit.TotalMinutes} minutes");
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>Runs the helper to the crash point <paramref name="point"/> and asserts that it died there by SIGKILL.</summary>
    public static async Task KillAtAsync(string configuration, string operation, string root, string image, string point, int occurrence = 1)
    {
        var (exitCode, output) = await RunAsync(configuration, operation, root, image, point, occurrence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.AreEqual(137, exitCode, "killed by SIGKILL at " + point + ":\n" + output);
        StringAssert.Contains(output, "killing at " + point);
    }
}
