using System.Diagnostics;

namespace VmMiddleware.Benchmarks;

/// <summary>A rough stopwatch loop for development (`dotnet run -c Release -- quick`); recorded figures come from BenchmarkDotNet.</summary>
internal static class QuickTimer
{
    public static void Run()
    {
        var b = new ClassAdBenchmarks();
        b.Setup();
        Time("parse new", () => b.ParseJobAdNewSyntax());
        Time("parse old", () => b.ParseJobAdOldSyntax());
        Time("requirements", () => b.EvaluateRequirements());
        Time("match+ranks", () => b.SymmetricMatchWithRanks());
        Time("unparse new", () => b.UnparseJobAdNewSyntax());
        Time("unparse old", () => b.UnparseJobAdOldSyntax());
        Time("small expr", () => b.ParseAndEvaluateSmallExpression());
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
        for (var i = 0; i < 2000; i++)
        {
            body();
        }

        var best = double.MaxValue;
        for (var round = 0; round < 5; round++)
        {
            var sw = Stopwatch.StartNew();
            const int n = 20000;
            for (var i = 0; i < n; i++)
            {
                body();
            }

            best = Math.Min(best, sw.Elapsed.TotalMicroseconds / n);
        }

        Console.WriteLine($"{name,-14} {best,8:F3} us");
    }
}
