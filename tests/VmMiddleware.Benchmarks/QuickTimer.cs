using System.Diagnostics;

namespace VmMiddleware.Benchmarks;

/// <summary>A rough stopwatch loop for development (`dotnet run -c Release -- quick [name seconds]`); recorded figures come from BenchmarkDotNet.</summary>
/// <remarks>With a name it runs that one benchmark for the given seconds, which is what a sampling profiler (perf) needs.</remarks>
internal static class QuickTimer
{
    public static void Run(string[] args)
    {
        var b = new ClassAdBenchmarks();
        b.Setup();
        var cases = new (string Name, Func<object> Body)[]
        {
            ("parse new", () => b.ParseJobAdNewSyntax()),
            ("parse old", () => b.ParseJobAdOldSyntax()),
            ("requirements", () => b.EvaluateRequirements()),
            ("match+ranks", () => b.SymmetricMatchWithRanks()),
            ("unparse new", () => b.UnparseJobAdNewSyntax()),
            ("unparse old", () => b.UnparseJobAdOldSyntax()),
            ("small expr", () => b.ParseAndEvaluateSmallExpression()),
        };
        if (args.Length == 3)
        {
            var body = cases.First(c => c.Name == args[1]).Body;
            var seconds = double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
            var sw = Stopwatch.StartNew();
            while (sw.Elapsed.TotalSeconds < seconds)
            {
                for (var i = 0; i < 1000; i++)
                {
                    body();
                }
            }

            return;
        }

        foreach (var (name, body) in cases)
        {
            Time(name, body);
        }

        if (args.Length == 2)
        {
            return;
        }

        var pool = new PoolMatcherBenchmarks { Size = 10_000 };
        var build = Stopwatch.StartNew();
        pool.Setup();
        Console.WriteLine($"pool setup     {build.Elapsed.TotalSeconds,8:F2} s");
        var match = Stopwatch.StartNew();
        var total = pool.MatchPool();
        Console.WriteLine($"pool 10k x 10k {match.Elapsed.TotalSeconds,8:F2} s ({total} matches)");
    }

    private static void Time(string name, Func<object> body)
    {
        // Warm up for a while, not a count: tiered compilation promotes hot methods only after a delay.
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed.TotalMilliseconds < 500)
        {
            body();
        }

        var best = double.MaxValue;
        long bytes = 0;
        for (var round = 0; round < 5; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var sw = Stopwatch.StartNew();
            const int n = 20000;
            for (var i = 0; i < n; i++)
            {
                body();
            }

            best = Math.Min(best, sw.Elapsed.TotalMicroseconds / n);
            bytes = (GC.GetAllocatedBytesForCurrentThread() - before) / n;
        }

        Console.WriteLine($"{name,-14} {best,8:F3} us {bytes,7} B");
    }
}
