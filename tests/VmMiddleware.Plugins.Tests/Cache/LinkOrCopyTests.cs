using VmMiddleware.Plugins.Cache;
using VmMiddleware.Store.Verification;

namespace VmMiddleware.Plugins.Tests.Cache;

[TestClass]
public sealed class LinkOrCopyTests
{
    [TestMethod]
    public void Place_SameFileSystem_HardLinksTheObject()
    {
        var directory = Directory.CreateTempSubdirectory("linkorcopy-").FullName;
        try
        {
            var source = Path.Combine(directory, "object");
            File.WriteAllText(source, "layer");
            var target = Path.Combine(directory, "job.qcow2");

            Assert.IsTrue(LinkOrCopy.Place(source, target));
            Assert.AreEqual(FileStamp.Of(source).Inode, FileStamp.Of(target).Inode, "one inode, two names");
            Assert.IsEmpty(Directory.GetFiles(directory, ".tmp-*"), "no temporary name is left");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [TestMethod]
    public void Place_AnotherFileSystem_CopiesInsteadOfFailing()
    {
        // /dev/shm is a tmpfs of its own on every Linux host this runs on, so a link from there to the temporary directory is EXDEV.
        var source = Path.Combine("/dev/shm", "linkorcopy-" + Guid.NewGuid().ToString("N"));
        var directory = Directory.CreateTempSubdirectory("linkorcopy-").FullName;
        try
        {
            File.WriteAllText(source, "layer");
            Assert.AreNotEqual(FileStamp.Of(source).Device, FileStamp.Of(directory).Device, "the two directories are on different file systems");
            var target = Path.Combine(directory, "job.qcow2");

            Assert.IsFalse(LinkOrCopy.Place(source, target));
            Assert.AreEqual("layer", File.ReadAllText(target));
            Assert.IsEmpty(Directory.GetFiles(directory, ".tmp-*"), "no temporary name is left");
        }
        finally
        {
            File.Delete(source);
            Directory.Delete(directory, recursive: true);
        }
    }
}
