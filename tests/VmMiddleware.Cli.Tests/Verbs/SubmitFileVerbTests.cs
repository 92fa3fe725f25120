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
    public void Run_NoQueueStatement_WarnsOnStderr()
    {
        var path = Write("c.sub", "+Attr = 1\n");
        var error = new StringWriter();

        SubmitFileVerb.Run(path, json: false, new StringWriter(), error);

        Assert.AreEqual($"vmgrid: warning: {path} has no queue statement; condor_submit would refuse it and queue no jobs\n", error.ToString());
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
