namespace VmMiddleware.Submit.Tests;

/// <summary>Pins the expanded text (SubmitExpansion.Format) of representative submit files; set VMMIDDLEWARE_UPDATE_GOLDEN=1 to rewrite the golden files.</summary>
[TestClass]
public sealed class SubmitGoldenTests
{
    private static readonly SubmitOptions Options = new()
    {
        RandomSeed = 7,
        Environment = new Dictionary<string, string> { ["HOME"] = "/home/tester", ["PATH"] = "/usr/bin:/bin" },
    };

    [TestMethod]
    [DataRow("macros.sub")]
    [DataRow("queue-forms.sub")]
    [DataRow("conditionals.sub")]
    [DataRow("include.sub")]
    public void Expand_GoldenInput_MatchesGoldenText(string name)
    {
        var input = Path.Combine(SubmitTestPaths.GoldenDirectory, name);

        AssertGolden(SubmitFile.Expand(input, Options).Format(), Path.ChangeExtension(input, ".expanded.txt"));
    }

    [TestMethod]
    [DataRow("job_core_macros_sched.cmd", DisplayName = "late binding, $ENV, $RANDOM_CHOICE, undefined macros")]
    [DataRow("job_core_macros-dollardollar_van.cmd", DisplayName = "$$(attr) and $$(attr:default) kept")]
    [DataRow("job_core_priority_van.cmd", DisplayName = "six queue statements in one cluster")]
    [DataRow("job_dagman_submit_glob-A-nodeA.cmd", DisplayName = "queue in, continued over lines")]
    [DataRow("job_dagman_submit_glob-A-nodeC.cmd", DisplayName = "queue from ( lines )")]
    [DataRow("job_dagman_always_run_post-D_A.cmd", DisplayName = "$CHOICE(IsWindows, ...)")]
    [DataRow("job_starter_script-A.cmd", DisplayName = "+Attr with quotes")]
    public void Expand_ConformanceFile_MatchesGoldenText(string name)
    {
        var input = Path.Combine(SubmitTestPaths.ConformanceDirectory, name);

        AssertGolden(SubmitFile.Expand(input, Options).Format(), Path.Combine(SubmitTestPaths.GoldenDirectory, "conformance", name + ".expanded.txt"));
    }

    private static void AssertGolden(string actual, string goldenPath)
    {
        if (Environment.GetEnvironmentVariable("VMMIDDLEWARE_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(goldenPath, actual);
            return;
        }

        Assert.IsTrue(File.Exists(goldenPath), "missing golden file " + goldenPath + " (run with VMMIDDLEWARE_UPDATE_GOLDEN=1)");
        Assert.AreEqual(File.ReadAllText(goldenPath), actual);
    }
}
