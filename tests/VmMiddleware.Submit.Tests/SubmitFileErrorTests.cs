namespace VmMiddleware.Submit.Tests;

[TestClass]
public sealed class SubmitFileErrorTests
{
    [TestMethod]
    [DataRow("executable = x\nif defined executable\nqueue\n", "e.sub(line 2): if without matching endif", DisplayName = "if without endif")]
    [DataRow("a = 1\nendif\n", "e.sub(line 2): endif without matching if", DisplayName = "endif without if")]
    [DataRow("else\n", "e.sub(line 1): else without matching if", DisplayName = "else without if")]
    [DataRow("if true\nelse\nelse\nendif\n", "e.sub(line 3): else is not allowed after else", DisplayName = "else after else")]
    [DataRow("if true\nelse\nelif false\nendif\n", "e.sub(line 3): elif is not allowed after else", DisplayName = "elif after else")]
    [DataRow("if $(a) + \nendif\n", "e.sub(line 1): $(a) + is not a valid if condition because it does not evaluate to true or false", DisplayName = "bad condition")]
    [DataRow("if version >= eight\nendif\n", "e.sub(line 1): version >= eight is not a valid if condition because the version literal is invalid; expected version ==, !=, <, <=, > or >= x.y[.z]", DisplayName = "bad version")]
    [DataRow("n = $INT(Missing)\nqueue\n", "e.sub(line 1): $INT(Missing): 'Missing' is not defined and is not an integer expression", DisplayName = "undefined macro in $INT")]
    [DataRow("c = $CHOICE(0, Colors)\nqueue\n", "e.sub(line 1): $CHOICE(0, Colors): no list named 'Colors' is defined", DisplayName = "undefined list in $CHOICE")]
    [DataRow("c = $CHOICE(5, a, b)\nqueue\n", "e.sub(line 1): $CHOICE(5, a, b): index 5 is out of range; the list has 2 items", DisplayName = "$CHOICE out of range")]
    [DataRow("a = $(b)\nb = $(a)\nqueue\n", "e.sub(line 1): macro 'b' is defined in terms of itself (b -> a -> b)", DisplayName = "recursive macros")]
    [DataRow("queue abc\n", "e.sub(line 1): queue count 'abc' is not an integer; expected queue [count] [[vars] in|from|matching items]", DisplayName = "bad queue count")]
    [DataRow("queue x in (a\nb\n", "e.sub(line 1): the item list opened with '(' on line 1 has no closing ')'; expected a line starting with ')'", DisplayName = "unclosed item list")]
    [DataRow("queue x in [::-1] a b\n", "e.sub(line 1): the slice step -1 is negative; negative steps are not supported", DisplayName = "negative slice step")]
    [DataRow("queue x in [1:x] a b\n", "e.sub(line 1): '[1:x]' is not a slice; expected [start:end] or [start:end:step] with integers", DisplayName = "bad slice")]
    [DataRow("queue x from missing-items.txt\n", "e.sub(line 1): cannot read the queue item file 'missing-items.txt': the file does not exist", DisplayName = "missing item file")]
    [DataRow("queue x from make-items |\n", "e.sub(line 1): queue from a command ('make-items |') is not supported: vmgrid reads submit files without running programs", DisplayName = "queue from command")]
    [DataRow("queue x, x in a\n", "e.sub(line 1): queue names the variable 'x' twice", DisplayName = "duplicate queue variable")]
    [DataRow("this is not a statement\n", "e.sub(line 1): 'this is not a statement' is not a submit statement; expected NAME = VALUE, queue, if/elif/else/endif or include : FILE", DisplayName = "not a statement")]
    [DataRow("a := 1\n", "e.sub(line 1): 'a :=' is not submit syntax; the submit language assigns with '=' (NAME = VALUE)", DisplayName = ":= assignment")]
    [DataRow("bad name = 1\n", "e.sub(line 1): 'bad name' is not a valid command name; expected letters, digits, '_' and '.', or +Name / MY.Name for a job attribute", DisplayName = "bad key")]
    [DataRow("include command : cat x.sub\n", "e.sub(line 1): include command is not supported: vmgrid reads submit files without running programs; include a file instead", DisplayName = "include command")]
    [DataRow("include : nowhere.inc\n", "e.sub(line 1): cannot include 'nowhere.inc': the file does not exist (looked in {base})", DisplayName = "missing include")]
    [DataRow("error : $(who) says stop\nwho = nobody\n", "e.sub(line 1): says stop", DisplayName = "error statement")]
    [DataRow("text @=END\nline\n", "e.sub(line 1): the multi-line value of 'text' has no closing line '@END'", DisplayName = "unclosed multi-line value")]
    [DataRow("+Note = not an \"expression\n queue\nqueue\n", "e.sub(line 1): the value of +Note is not a ClassAd expression: column 5: unexpected name 'an', expected end of input", DisplayName = "bad +Attr")]
    [DataRow("r = $RANDOM_INTEGER(9, 1)\nqueue\n", "e.sub(line 1): $RANDOM_INTEGER(9, 1): min is greater than max", DisplayName = "bad $RANDOM_INTEGER")]
    [DataRow("n = $INT(x,%s)\nx = 1\nqueue\n", "e.sub(line 1): $INT() format '%s' is not valid; expected one %d, %i, %u, %x, %X, %o conversion", DisplayName = "bad $INT format")]
    public void ExpandText_BadInput_ThrowsOneMessageWithFileAndLine(string text, string message)
    {
        var directory = Path.GetFullPath(Path.Combine(Path.GetTempPath(), "vmgrid-submit-errors"));

        var e = Assert.ThrowsExactly<SubmitFileException>(() => SubmitFile.ExpandText(text, "e.sub", new SubmitOptions { BaseDirectory = directory }));

        Assert.AreEqual(message.Replace("{base}", directory, StringComparison.Ordinal), e.Message);
        Assert.AreEqual("e.sub", e.File);
    }

    [TestMethod]
    public void Expand_ErrorInIncludedFile_NamesTheIncludedFile()
    {
        var directory = Directory.CreateTempSubdirectory("vmgrid-submit-include-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(directory, "main.sub"), "a = 1\ninclude : part.inc\nqueue\n");
            File.WriteAllText(Path.Combine(directory, "part.inc"), "# part\nif true\n");

            var e = Assert.ThrowsExactly<SubmitFileException>(() => SubmitFile.Expand(Path.Combine(directory, "main.sub")));

            Assert.AreEqual("part.inc(line 2): if without matching endif", e.Message);
            Assert.AreEqual(2, e.Line);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [TestMethod]
    public void Expand_SelfInclude_StopsAtTheDepthLimit()
    {
        var directory = Directory.CreateTempSubdirectory("vmgrid-submit-loop-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(directory, "loop.sub"), "include : loop.sub\n");

            var e = Assert.ThrowsExactly<SubmitFileException>(() => SubmitFile.Expand(Path.Combine(directory, "loop.sub")));

            Assert.AreEqual("loop.sub(line 1): includes nest more than 10 levels deep; does 'loop.sub' include itself?", e.Message);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [TestMethod]
    public void Expand_MissingFile_NamesTheFile()
    {
        var e = Assert.ThrowsExactly<SubmitFileException>(() => SubmitFile.Expand("does/not/exist.sub"));

        Assert.AreEqual("does/not/exist.sub: the file does not exist", e.Message);
    }
}
