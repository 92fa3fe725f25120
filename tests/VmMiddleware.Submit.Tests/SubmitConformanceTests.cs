namespace VmMiddleware.Submit.Tests;

[TestClass]
public sealed class SubmitConformanceTests
{
    private static readonly SubmitOptions Options = new()
    {
        RandomSeed = 7,
        Environment = new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin", ["PWD"] = "/tmp" },
    };

    public static IEnumerable<object[]> ExpectedCounts() =>
        ReadCounts().Select(entry => new object[] { entry.Key, entry.Value });

    [TestMethod]
    [DynamicData(nameof(ExpectedCounts))]
    public void Expand_ConformanceFile_QueuesTheHandCountedJobs(string fileName, int expected)
    {
        var expansion = SubmitFile.Expand(Path.Combine(SubmitTestPaths.ConformanceDirectory, fileName), Options);

        Assert.HasCount(expected, expansion.Jobs);
    }

    [TestMethod]
    public void CountTable_EveryConformanceFile_IsListedExactlyOnce()
    {
        var files = Directory.GetFiles(SubmitTestPaths.ConformanceDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();

        CollectionAssert.AreEqual(files, ReadCounts().Keys.Order(StringComparer.Ordinal).ToList());
    }

    [TestMethod]
    public void Expand_FilesWithoutQueueStatement_ReportNoQueueStatement()
    {
        foreach (var name in new[] { "job_core_time-deferral-tests.cmd", "job_dagman_set_attr.sub" })
        {
            Assert.IsFalse(SubmitFile.Expand(Path.Combine(SubmitTestPaths.ConformanceDirectory, name), Options).HasQueueStatement, name);
        }
    }

    private static Dictionary<string, int> ReadCounts()
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(Path.Combine(SubmitTestPaths.SourceDirectory, "conformance-job-counts.txt")))
        {
            var text = line.Split('#')[0].Trim();
            if (text.Length == 0)
            {
                continue;
            }

            var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            counts.Add(parts[0], int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
        }

        return counts;
    }
}
