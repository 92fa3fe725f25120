using VmMiddleware.Host.Processes;

namespace VmMiddleware.Host.ProcessHelper;

/// <summary>A parent for the process runner's tests: runs PROGRAM ARGS... through <see cref="ProcessRunner"/> and exits with its code, so a test can kill this parent and watch the child.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0)
        {
            await Console.Error.WriteLineAsync("usage: VmMiddleware.Host.ProcessHelper PROGRAM [ARGS...]");
            return 2;
        }

        var result = await ProcessRunner.Default.RunAsync(new ProcessCommand(args[0], args[1..]));
        return result.ExitCode;
    }
}
