using BenchmarkDotNet.Running;

namespace VmMiddleware.Benchmarks;

/// <summary>Runs the benchmarks chosen on the command line (BenchmarkDotNet's --filter).</summary>
internal static class Program
{
    public static void Main(string[] args)
    {
        if (args is ["quick", ..])
        {
            QuickTimer.Run(args);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
