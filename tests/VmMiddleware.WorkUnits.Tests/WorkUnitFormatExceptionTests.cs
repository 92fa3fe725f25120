namespace VmMiddleware.WorkUnits.Tests;

[TestClass]
public sealed class WorkUnitFormatExceptionTests
{
    [TestMethod]
    public void New_WithPosition_FormatsFileLineAndColumn()
    {
        var exception = new WorkUnitFormatException("job.xml", 12, 5, "something is wrong");

        Assert.AreEqual("job.xml(line 12, column 5): something is wrong", exception.Message);
        Assert.AreEqual("job.xml", exception.Source);
        Assert.AreEqual(12, exception.Line);
        Assert.AreEqual(5, exception.Column);
        Assert.AreEqual("something is wrong", exception.Detail);
    }

    [TestMethod]
    public void New_WithoutPosition_FormatsFileOnly() =>
        Assert.AreEqual("job.xml: missing", new WorkUnitFormatException("job.xml", 0, 0, "missing").Message);
}
