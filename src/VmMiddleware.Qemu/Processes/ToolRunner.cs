using System.ComponentModel;
using System.Diagnostics;

namespace VmMiddleware.Qemu.Processes;

/// <summary>Runs a short helper program to completion and returns its standard output.</summary>
internal static class ToolRunner
{
    public static async Task<string> RunAsync(ProcessStartInfo info, CancellationToken cancellationToken)
    {
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.RedirectStandardInput = false;
        info.UseShellExecute = false;
        var name = Path.GetFileName(info.ArgumentList.Count > 0 && info.FileName.Contains("ld-linux", StringComparison.Ordinal) ? info.ArgumentList[^1] : info.FileName);
        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new ToolFailedException($"cannot start {info.FileName}: {e.Message}", e);
        }

        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var output = await stdout.ConfigureAwait(false);
        var error = (await stderr.ConfigureAwait(false)).Trim();
        return process.ExitCode == 0
            ? output
            : throw new ToolFailedException($"{name} {string.Join(' ', info.ArgumentList)} failed with exit code {process.ExitCode}: {error}");
    }
}
