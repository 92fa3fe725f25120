using System.Runtime.Versioning;
using VmMiddleware.Qemu.Cache;

namespace VmMiddleware.Qemu.Tests.Cache;

[TestClass]
[SupportedOSPlatform("linux")]
public sealed class CacheIndexTests
{
    [TestMethod]
    public void Save_ConcurrentSaversToOneIndex_NoCollisionAndNoTemporaryLeft()
    {
        using var f = new CacheFixture();
        Directory.CreateDirectory(f.Root);
        var path = Path.Combine(f.Root, "index.json");
        // Two writers used to share the fixed name index.json.tmp: one failed to open it or renamed the other's half file.
        var savers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 25; i++)
            {
                CacheIndex.Save(path, new CacheIndexDocument());
            }
        })).ToArray();
        Task.WaitAll(savers);

        CollectionAssert.AreEqual(new[] { path }, Directory.GetFiles(f.Root));
        Assert.IsEmpty(CacheIndex.Load(path).Entries);
    }
}
