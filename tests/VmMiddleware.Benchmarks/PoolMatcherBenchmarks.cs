using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using VmMiddleware.ClassAds;
using VmMiddleware.ClassAds.Matching;

namespace VmMiddleware.Benchmarks;

/// <summary>The pool matcher on 10,000 job ads against 10,000 slot ads built from the real sample ads with realistic variety.</summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class PoolMatcherBenchmarks
{
    private List<ClassAd> _jobs = [];
    private List<ClassAd> _machines = [];

    [Params(10_000)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup() => (_jobs, _machines) = Pool.Build(Size, Size, seed: 1);

    [Benchmark]
    public int MatchPool()
    {
        var result = PoolMatcher.Match(_jobs, _machines);
        var total = 0;
        foreach (var r in result)
        {
            total += r.Count;
        }

        return total;
    }
}
