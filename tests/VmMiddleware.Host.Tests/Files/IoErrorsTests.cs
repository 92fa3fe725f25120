using VmMiddleware.Host.Files;

namespace VmMiddleware.Host.Tests.Files;

[TestClass]
public sealed class IoErrorsTests
{
    [TestMethod]
    public void IsNoSpace_IoExceptionWithEnospc_True()
    {
        Assert.IsTrue(IoErrors.IsNoSpace(new IOException("No space left on device", IoErrors.NoSpace)));
    }

    [TestMethod]
    public void Errno_RefusedHardLink_IsTheSystemsNumber()
    {
        var directory = Directory.CreateTempSubdirectory("ioerrors-").FullName;
        try
        {
            var e = Assert.ThrowsExactly<IOException>(() => HardLink.Create(Path.Combine(directory, "missing"), Path.Combine(directory, "link")));
            Assert.AreEqual(2, IoErrors.Errno(e), "ENOENT: " + e.Message);
            Assert.IsFalse(IoErrors.IsNoSpace(e));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [TestMethod]
    public void Errno_NotAnIoError_Zero()
    {
        Assert.AreEqual(0, IoErrors.Errno(new InvalidOperationException("no")));
    }
}
