using VmMiddleware.Qemu.Launch;

namespace VmMiddleware.Qemu.Tests.Launch;

[TestClass]
public sealed class BootCheckpointTemporariesTests
{
    private string _root = null!;

    [TestInitialize]
    public void Setup() => _root = Directory.CreateTempSubdirectory("vmgrid-bootcp-").FullName;

    [TestCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    [TestMethod]
    public void RemoveAbandoned_DeadOwnerLiveOwnerAndOwnerless_RemovesOnlyTheAbandoned()
    {
        var key = Path.Combine(_root, "0123456789abcdef01234567");
        var mine = Directory.CreateDirectory(BootCheckpointTemporaries.NameFor(key)).FullName;
        var dead = Directory.CreateDirectory(key + ".tmp-999999999-1").FullName;
        File.WriteAllText(Path.Combine(dead, "state.tmp"), "partial");
        var ownerlessRecent = Directory.CreateDirectory(key + ".tmp-1a2b3c4d").FullName;
        var ownerlessOld = Directory.CreateDirectory(key + ".tmp-5e6f7a8b").FullName;
        Directory.SetLastWriteTimeUtc(ownerlessOld, DateTime.UtcNow.AddHours(-2));
        var finished = Directory.CreateDirectory(key).FullName;
        var reports = new List<string>();

        BootCheckpointTemporaries.RemoveAbandoned(_root, TimeProvider.System, reports.Add);

        Assert.IsTrue(Directory.Exists(mine), "this process's own save in progress");
        Assert.IsFalse(Directory.Exists(dead));
        Assert.IsTrue(Directory.Exists(ownerlessRecent), "an older launcher may still be saving it");
        Assert.IsFalse(Directory.Exists(ownerlessOld));
        Assert.IsTrue(Directory.Exists(finished));
        Assert.HasCount(2, reports);
    }

    [TestMethod]
    public void NameFor_TwoSavesInOneProcess_DistinctDirectoriesBothOwnedByThisProcess()
    {
        var key = Path.Combine(_root, "0123456789abcdef01234567");

        var first = Directory.CreateDirectory(BootCheckpointTemporaries.NameFor(key)).FullName;
        var second = Directory.CreateDirectory(BootCheckpointTemporaries.NameFor(key)).FullName;
        var deadWithSave = Directory.CreateDirectory(key + ".tmp-999999999-1-0123456789abcdef0123456789abcdef").FullName;
        BootCheckpointTemporaries.RemoveAbandoned(_root, TimeProvider.System, _ => { });

        Assert.AreNotEqual(first, second, "two builders of the factory service saving the same checkpoint never share a directory");
        Assert.IsTrue(Directory.Exists(first) && Directory.Exists(second), "both are this live process's saves");
        Assert.IsFalse(Directory.Exists(deadWithSave));
    }
}
