using CsCheck;
using VmMiddleware.ClassAds;
using VmMiddleware.ClassAds.Tests.Conformance;
using VmMiddleware.Cli.Verbs;

namespace VmMiddleware.Cli.Tests.Verbs;

/// <summary><c>vmgrid classad eval</c> prints exactly one line per input line, whatever the lines are.</summary>
[TestClass]
public sealed class ClassAdEvalPropertyTests
{
    private static readonly Lazy<string[]> Corpus = new(() => File.ReadAllLines(ConformanceFiles.PathOf("oracle/exprs.txt")));
    private static readonly Lazy<ClassAd> Scope = new(() => ClassAdVerb.ReadAd(new FileInfo(ConformanceFiles.PathOf("oracle/scope.ad"))));

    // Any characters but the line breaks ReadLine splits on.
    private static readonly Gen<string> Junk = Gen.String[Gen.Char.Where(c => c is not '\n' and not '\r'), 0, 80];

    // Pieces of corpus lines glued together: mostly unbalanced, half-formed expressions.
    private static readonly Gen<string> Spliced = Gen.Select(Gen.Int[0, 19_999], Gen.Int[0, 19_999], Gen.Int[0, 200], Gen.Int[0, 200],
        (a, b, cutA, cutB) =>
        {
            var x = Corpus.Value[a % Corpus.Value.Length];
            var y = Corpus.Value[b % Corpus.Value.Length];
            return x[..Math.Min(cutA, x.Length)] + y[Math.Min(cutB, y.Length)..];
        });

    private static int CountOutputLines(IReadOnlyList<string> lines) => Run(lines).Lines;

    private static (int Lines, string Diagnostics) Run(IReadOnlyList<string> lines)
    {
        using var reader = new StringReader(string.Join("\n", lines) + "\n");
        using var writer = new StringWriter();
        using var diagnostics = new StringWriter();
        writer.NewLine = "\n";
        ClassAdVerb.RunEval(reader, writer, diagnostics, Scope.Value);
        return (writer.ToString().Split('\n').Length - 1, diagnostics.ToString());
    }

    [TestMethod]
    public void RunEval_CorpusWithRandomLinesAppended_PrintsOneLinePerLine()
    {
        Gen.Select(Gen.OneOf(Junk, Spliced).Array[1, 40], Gen.Int[0, 19_000])
            .Sample((extra, start) =>
            {
                // A slice of the oracle corpus, then the random lines.
                var lines = Corpus.Value.Skip(start).Take(200).Concat(extra).ToList();
                return CountOutputLines(lines) == lines.Count;
            }, iter: 200);
    }

    [TestMethod]
    public void RunEval_WholeCorpusThenJunk_PrintsOneLinePerLine()
    {
        var lines = Corpus.Value.Concat(["(RT) / ((MY.n)%(ad.x))", "\"unterminated", "[;]", "{", "a ? b : c)", new string('(', 5000), "undefined << missing\"line\\nbreak\",2.5e2)", "x 'quoted\\nname'"]).ToList();
        var (printed, diagnostics) = Run(lines);
        Assert.AreEqual(lines.Count, printed);
        Assert.AreEqual(string.Empty, diagnostics, "no line may meet an internal error");
    }
}
