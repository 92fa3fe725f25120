namespace VmMiddleware.ClassAds.Tests.Conformance;

[TestClass]
public sealed class ConformanceScriptTests
{
    private static readonly Lazy<IReadOnlyDictionary<int, FunctionalScript.Outcome>> Outcomes = new(RunFunctionalScript);

    /// <summary>Lines HTCondor 25.x itself no longer agrees with (see NOTICE.md); ExceptionLineTests pins what we do instead.</summary>
    internal static readonly int[] Disputed = [58, 73, 97, 199, 202, 235, 236];

    public static IEnumerable<object[]> CheckedLines() =>
        Outcomes.Value.Keys.Where(l => !Disputed.Contains(l)).Order().Select(l => new object[] { l });

    [TestMethod]
    [DynamicData(nameof(CheckedLines))]
    public void FunctionalTests_Line_Holds(int line)
    {
        var outcome = Outcomes.Value[line];
        Assert.IsTrue(outcome.Passed, "functional_tests.txt line " + line + ": " + outcome.Text + " -> " + outcome.Detail);
    }

    [TestMethod]
    public void FunctionalTests_EveryCheckIsRun()
    {
        // 196 same/diff statements in the file: none may be silently dropped by the script splitter.
        var lines = File.ReadAllLines(ConformanceFiles.PathOf("classad/functional_tests.txt"));
        var expected = lines.Count(l => l.StartsWith("same ", StringComparison.Ordinal) || l.StartsWith("diff ", StringComparison.Ordinal));
        Assert.AreEqual(expected, Outcomes.Value.Count);
    }

    internal static IReadOnlyDictionary<int, FunctionalScript.Outcome> RunFunctionalScript()
    {
        var lines = File.ReadAllLines(ConformanceFiles.PathOf("classad/functional_tests.txt"));
        var work = Directory.CreateTempSubdirectory("vmgrid-functional-");
        try
        {
            var script = new FunctionalScript(work.FullName);
            var results = new Dictionary<int, FunctionalScript.Outcome>();
            foreach (var (line, text) in FunctionalScript.Statements(lines))
            {
                if (script.Run(line, text) is { } outcome)
                {
                    results[line] = outcome;
                }
            }

            return results;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [TestMethod]
    public void LegacyTests_EveryCheckPassesAndTranscriptMatchesApproved()
    {
        var script = new LegacyScript();
        script.Run(File.ReadAllLines(ConformanceFiles.PathOf("classad/tests.txt")));
        Assert.AreEqual(0, script.Failures.Count, string.Join("\n", script.Failures));
        var approvedPath = Path.Combine(AppContext.BaseDirectory, "Conformance", "tests.approved.txt");
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath) : string.Empty;
        if (approved != script.Transcript)
        {
            Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "Conformance"));
            File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "Conformance", "tests.received.txt"), script.Transcript);
        }

        Assert.AreEqual(approved, script.Transcript, "transcript differs from Conformance/tests.approved.txt (see tests.received.txt in the test output folder)");
    }
}
