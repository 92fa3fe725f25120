namespace VmMiddleware.WorkUnits.Tests;

[TestClass]
public sealed class OutputSpecTests
{
    [TestMethod]
    [DataRow("result.txt", false, false)]
    [DataRow("plots/*.png", false, true)]
    [DataRow("run?.log", false, true)]
    [DataRow("results/", true, false)]
    public void New_RelativePath_ClassifiesIt(string path, bool isDirectory, bool isGlob)
    {
        var output = new OutputSpec(path);

        Assert.AreEqual(path, output.Path);
        Assert.AreEqual(isDirectory, output.IsDirectory);
        Assert.AreEqual(isGlob, output.IsGlob);
    }

    [TestMethod]
    [DataRow("", "The output path '' is empty; expected a relative path that stays inside its directory.")]
    [DataRow("/etc/passwd", "The output path '/etc/passwd' is absolute; expected a relative path that stays inside its directory.")]
    [DataRow("a/../../b", "The output path 'a/../../b' contains '..'; expected a relative path that stays inside its directory.")]
    [DataRow("..", "The output path '..' contains '..'; expected a relative path that stays inside its directory.")]
    [DataRow("C:\\x", "The output path 'C:\\x' is absolute; expected a relative path that stays inside its directory.")]
    public void New_UnsafePath_ThrowsNamingTheProblem(string path, string expected)
    {
        var exception = Assert.ThrowsExactly<ArgumentException>(() => new OutputSpec(path));

        Assert.AreEqual(expected + " (Parameter 'path')", exception.Message);
    }
}
