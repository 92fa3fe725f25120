namespace VmMiddleware.Submit.Tests;

[TestClass]
public sealed class LineReaderTests
{
    [TestMethod]
    [DataRow("A = $(B) \\\n# $(C)\n$(D)\n", "A = $(B) $(D)", DisplayName = "comment inside continuation (manual example 1)")]
    [DataRow("A = $(B) \\\n# $(C) \\\n$(D)\n", "A = $(B) $(D)", DisplayName = "continued comment inside continuation (manual example 2)")]
    [DataRow("# a comment \\\nA = 1\n", "A = 1", DisplayName = "a comment line never continues")]
    [DataRow("A = 1 \\   \r\n    2\r\n", "A = 1 2", DisplayName = "blanks after the backslash and CRLF")]
    public void ReadStatement_Continuations_JoinAsTheManualSays(string text, string expected)
    {
        var reader = new LineReader(text);

        Assert.AreEqual(expected, reader.ReadStatement()!.Value.Text);
        Assert.IsNull(reader.ReadStatement());
    }

    [TestMethod]
    public void ReadStatement_AfterContinuation_ReportsTheStartingLine()
    {
        var reader = new LineReader("\n# c\nA = 1 \\\n 2\nB = 3\n");

        Assert.AreEqual(3, reader.ReadStatement()!.Value.Line);
        Assert.AreEqual(new SourceLine("B = 3", 5), reader.ReadStatement());
    }
}
