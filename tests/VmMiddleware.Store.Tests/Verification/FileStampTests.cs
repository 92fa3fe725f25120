using VmMiddleware.Store.Verification;

namespace VmMiddleware.Store.Tests.Verification;

[TestClass]
public sealed class FileStampTests
{
    [TestMethod]
    public async Task Of_RewriteInPlaceWithOldMtime_Changes()
    {
        // Moved from the execute cache's ImageCacheIntegrityTests with FileStamp itself.
        using var f = new StoreFixture();
        var path = Path.Combine(f.Dir, "a");
        File.WriteAllBytes(path, StoreFixture.Bytes(100, 1));
        var before = FileStamp.Of(path);
        var mtime = File.GetLastWriteTimeUtc(path);
        Thread.Sleep(20);
        File.WriteAllBytes(path, new byte[100]);
        File.SetLastWriteTimeUtc(path, mtime);

        var after = FileStamp.Of(path);

        Assert.AreEqual(before.Inode, after.Inode);
        Assert.AreEqual(before.Size, after.Size);
        Assert.AreNotEqual(before, after);
        Assert.AreEqual(before, before with { });
    }

    [TestMethod]
    public async Task IsRegularFile_DirectoryAndMissing_False()
    {
        using var f = new StoreFixture();

        Assert.IsFalse(FileStamp.IsRegularFile(f.Dir));
        Assert.IsFalse(FileStamp.IsRegularFile(Path.Combine(f.Dir, "missing")));
        Assert.ThrowsExactly<FileNotFoundException>(() => FileStamp.Of(Path.Combine(f.Dir, "missing")));
    }
}
