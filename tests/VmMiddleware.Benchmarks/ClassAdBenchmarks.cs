using BenchmarkDotNet.Attributes;
using VmMiddleware.ClassAds;
using VmMiddleware.ClassAds.Evaluation;
using VmMiddleware.ClassAds.Matching;
using VmMiddleware.ClassAds.Printing;
using VmMiddleware.ClassAds.Syntax;
using VmMiddleware.ClassAds.Values;

namespace VmMiddleware.Benchmarks;

/// <summary>The ClassAd operations HTCondor's own library was measured on (one core, the same 93- and 189-attribute ads).</summary>
[MemoryDiagnoser]
public class ClassAdBenchmarks
{
    private string _jobNew = string.Empty;
    private string _jobOld = string.Empty;
    private ClassAd _job = new();
    private ClassAd _machine = new();
    private const string SmallExpression = "(a + 3) * 2 >= 2.5 && strcat(\"x\", b) == \"xy\" || member(c, {1,2,3})";
    private ClassAd _small = new();

    [GlobalSetup]
    public void Setup()
    {
        _jobNew = SampleAds.Text("job.new.ad");
        _jobOld = SampleAds.Text("job.old.ad");
        _job = ClassAd.Parse(_jobOld);
        _machine = ClassAd.Parse(SampleAds.Text("machine.old.ad"));
        _small = ClassAd.Parse("[ a = 1; b = \"y\"; c = 7 ]");

        // The real pool's job and partitionable slot, as advertised: HTCondor 25.14 matches them (job rank 93, slot rank 0.0).
        if (!Matchmaker.Match(_job, _machine).IsMatch)
        {
            throw new InvalidOperationException("the sample job and slot must match, as they do in HTCondor");
        }
    }

    [Benchmark]
    public ClassAd ParseJobAdNewSyntax() => ClassAd.ParseNewSyntax(_jobNew);

    [Benchmark]
    public ClassAd ParseJobAdOldSyntax() => ClassAd.ParseOldSyntax(_jobOld);

    [Benchmark]
    public bool EvaluateRequirements() => Matchmaker.Satisfies(_job, _machine);

    [Benchmark]
    public MatchResult SymmetricMatchWithRanks() => Matchmaker.Match(_job, _machine);

    [Benchmark]
    public string UnparseJobAdNewSyntax() => Unparser.Unparse(_job);

    [Benchmark]
    public string UnparseJobAdOldSyntax() => Unparser.UnparseOld(_job);

    [Benchmark]
    public Value ParseAndEvaluateSmallExpression() => Evaluator.Evaluate(ExpressionParser.Parse(SmallExpression), _small, null);
}
