using System.Text.Json;
using VmMiddleware.Cli.Verbs;

namespace VmMiddleware.Cli.Tests.Verbs;

[TestClass]
public sealed class SubmitFileVerbTests
{
    private string directory = string.Empty;

    [TestInitialize]
    public void CreateDirectory() => directory = Directory.CreateTempSubdirectory("vmgrid-submitfile-").FullName;

    [TestCleanup]
    public void DeleteDirectory() => Directory.Delete(directory, recursive: true);

    [TestMethod]
    public void Run_TwoJobs_PrintsBlocksAndCount()
    {
        var path = Write("a.sub", "executable = /bin/echo\narguments = $(Item)\nqueue in x, y\n");
        var output = new StringWriter();

        SubmitFileVerb.Run(path, json: false, output, new StringWriter());

        Assert.AreEqual("# job 1.0\nexecutable = /bin/echo\narguments = x\n\n# job 1.1\nexecutable = /bin/echo\narguments = y\n\njobs: 2\n", output.ToString());
    }

    [TestMethod]
    public void Run_Json_PrintsJobsWithIdsAndCommands()
    {
        var path = Write("b.sub", "executable = /bin/echo\nqueue 2\n");
        var output = new StringWriter();

        SubmitFileVerb.Run(path, json: true, output, new StringWriter());

        using var document = JsonDocument.Parse(output.ToString());
        var root = document.RootElement;
        Assert.AreEqual(2, root.GetProperty("count").GetInt32());
        var second = root.GetProperty("jobs")[1];
        Assert.AreEqual(1, second.GetProperty("procId").GetInt32());
        Assert.AreEqual("/bin/echo", second.GetProperty("commands")[0].GetProperty("value").GetString());
    }

    [TestMethod]
    public void Run_NoQueueStatement_PrintsTheOneJobCondorSubmitQueues()
    {
        var path = Write("c.sub", "+Attr = 1\n");
        var output = new StringWriter();
        var error = new StringWriter();

        SubmitFileVerb.Run(path, json: false, output, error);

        Assert.AreEqual("# job 1.0\n+Attr = 1\n\njobs: 1\n", output.ToString());
        Assert.AreEqual(string.Empty, error.ToString());
    }

    [TestMethod]
    public void Run_HundredThousandJobsAsJson_StreamsInBoundedMemory()
    {
        var path = Write("many.sub", "executable = /bin/echo\narguments = job $(Process) of $(Cluster)\nqueue 100000\n");
        var output = new MemorySamplingWriter(sampleEvery: 5000);

        SubmitFileVerb.Run(path, json: true, output, new StringWriter());

        StringAssert.EndsWith(output.Tail, "  ],\n  \"count\": 100000\n}\n");
        Assert.IsGreaterThan(100_000, output.Writes);
        Assert.IsLessThan(32L << 20, output.PeakGrowth, $"the heap grew by {output.PeakGrowth} bytes while the jobs were written");
    }

    [TestMethod]
    public void Run_MacroBomb_ThrowsUserErrorNamingLineAndMacros()
    {
        var text = new System.Text.StringBuilder("A0 = xxxxxxxx\n");
        for (var n = 1; n <= 40; n++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"A{n} = $(A{n - 1})$(A{n - 1})\n");
        }

        var path = Write("bomb.sub", text.Append("arguments = $(A40)\nqueue\n").ToString());

        var e = Assert.ThrowsExactly<UserErrorException>(() => SubmitFileVerb.Run(path, json: true, new StringWriter(), new StringWriter()));

        Assert.AreEqual(
            $"{path}(line 15): the value takes more than 1048576 characters to expand, the most one value may take"
            + " (stopped in $(A13) -> $(A12) -> $(A11) -> ... -> $(A1)); does each macro use the one below it more than once?",
            e.Message);
    }

    [TestMethod]
    public void Run_ParseError_ThrowsUserErrorNamingFileAndLine()
    {
        var path = Write("d.sub", "a = 1\nqueue x in [::0] a\n");

        var e = Assert.ThrowsExactly<UserErrorException>(() => SubmitFileVerb.Run(path, json: false, new StringWriter(), new StringWriter()));

        Assert.AreEqual($"{path}(line 2): the slice step is zero; expected a step of at least 1", e.Message);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, text);
        return path;
    }
}
