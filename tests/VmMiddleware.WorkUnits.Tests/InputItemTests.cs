namespace VmMiddleware.WorkUnits.Tests;

[TestClass]
public sealed class InputItemTests
{
    [TestMethod]
    [DataRow("/data/numbers.txt", "numbers.txt")]
    [DataRow("/data/set/", "set")]
    public void New_NoTarget_UsesSourceFileName(string source, string expected) =>
        Assert.AreEqual(expected, new InputItem(source).Target);

    [TestMethod]
    public void New_DirectoryTargetWithSlash_IsTrimmed() =>
        Assert.AreEqual("data", new InputItem("/x", "data/", InputKind.Directory).Target);

    [TestMethod]
    [DataRow("../x")]
    [DataRow("/abs")]
    [DataRow("a//b")]
    [DataRow("./a")]
    [DataRow("a\\b")]
    public void New_UnsafeTarget_Throws(string target) =>
        Assert.ThrowsExactly<ArgumentException>(() => new InputItem("/data/x", target));

    [TestMethod]
    public void New_RelativeSource_Throws() =>
        Assert.ThrowsExactly<ArgumentException>(() => new InputItem("data/x"));

    [TestMethod]
    public void New_RootSourceWithoutTarget_Throws() =>
        Assert.ThrowsExactly<ArgumentException>(() => new InputItem("/", kind: InputKind.Directory));
}
