namespace VmMiddleware.Submit.Tests;

[TestClass]
public sealed class SubmitFileTests
{
    [TestMethod]
    public void ExpandText_NoQueueStatement_QueuesOneJobAsCondorSubmitDoes()
    {
        var expansion = SubmitFile.ExpandText("executable = /bin/true\n# a comment\narguments = $(Process)\n", "noqueue.sub");

        Assert.IsFalse(expansion.HasQueueStatement);
        var job = expansion.Jobs.Single();
        Assert.AreEqual(0, job.ProcId);
        Assert.AreEqual(3, job.QueueLine);
        Assert.AreEqual("0", job.Get("arguments"));
    }

    [TestMethod]
    public void ExpandText_EmptyQueueStatement_QueuesNothingAndNoImplicitJob()
    {
        var expansion = SubmitFile.ExpandText("executable = /bin/true\nqueue 0\n", "zero.sub");

        Assert.IsTrue(expansion.HasQueueStatement);
        Assert.IsEmpty(expansion.Jobs);
    }

    [TestMethod]
    public void Expand_InvalidUtf8_FailsNamingLineColumnAndByte()
    {
        var directory = Directory.CreateTempSubdirectory("vmgrid-utf8-").FullName;
        try
        {
            var path = Path.Combine(directory, "bad.sub");
            File.WriteAllBytes(path, [.. "universe = vanilla\nexecutable = /bin/"u8, 0xFF, 0xFE, .. "true\nqueue\n"u8]);

            var e = Assert.ThrowsExactly<SubmitFileException>(() => SubmitFile.Expand(path));

            Assert.AreEqual($"{path}(line 2): column 19: byte 0xFF is not valid UTF-8; expected UTF-8 text", e.Message);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [TestMethod]
    public void Expand_IncludeWithInvalidUtf8_FailsNamingTheIncludedFile()
    {
        var directory = Directory.CreateTempSubdirectory("vmgrid-utf8-").FullName;
        try
        {
            File.WriteAllBytes(Path.Combine(directory, "common.inc"), [.. "arguments = caf"u8, 0xC3, .. "\n"u8]);
            File.WriteAllText(Path.Combine(directory, "main.sub"), "executable = /bin/echo\ninclude : common.inc\nqueue\n");

            var e = Assert.ThrowsExactly<SubmitFileException>(() => SubmitFile.Expand(Path.Combine(directory, "main.sub")));

            Assert.AreEqual("common.inc(line 1): column 16: byte 0xC3 is not valid UTF-8; expected UTF-8 text", e.Message);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [TestMethod]
    public void Expand_Utf8WithByteOrderMark_ReadsTheText()
    {
        var directory = Directory.CreateTempSubdirectory("vmgrid-utf8-").FullName;
        try
        {
            var path = Path.Combine(directory, "bom.sub");
            File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. "arguments = café\nqueue\n"u8]);

            Assert.AreEqual("café", SubmitFile.Expand(path).Jobs.Single().Get("arguments"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [TestMethod]
    public void Expand_QueueFromItemFileWithInvalidUtf8_FailsNamingTheItemFile()
    {
        var directory = Directory.CreateTempSubdirectory("vmgrid-utf8-").FullName;
        try
        {
            File.WriteAllBytes(Path.Combine(directory, "items.txt"), [.. "a\nb"u8, 0xFF, .. "\n"u8]);
            File.WriteAllText(Path.Combine(directory, "main.sub"), "executable = /bin/echo\narguments = $(x)\nqueue x from items.txt\n");

            var e = Assert.ThrowsExactly<SubmitFileException>(() => SubmitFile.Expand(Path.Combine(directory, "main.sub")));

            Assert.AreEqual("items.txt(line 2): column 2: byte 0xFF is not valid UTF-8; expected UTF-8 text", e.Message);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
