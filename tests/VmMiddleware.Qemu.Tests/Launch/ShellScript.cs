using VmMiddleware.Host.Processes;

namespace VmMiddleware.Qemu.Tests.Launch;

/// <summary>Runs a script under a real shell (dash, or busybox sh) and returns what it printed; a failing script fails the test.</summary>
internal static class ShellScript
{
    public static string Run(string shell, string script, params string[] prefix)
    {
        var result = ProcessRunner.Default.RunAsync(new ProcessCommand(shell, [.. prefix, "-c", script])).GetAwaiter().GetResult();
        Assert.AreEqual(0, result.ExitCode, "shell failed on: " + script + "\n" + result.StandardError);
        return result.StandardOutput;
    }
}
