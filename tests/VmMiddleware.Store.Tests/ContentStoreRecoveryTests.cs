using System.Text.Json;
using VmMiddleware.Store.Configuration;
using VmMiddleware.Store.Entries;

namespace VmMiddleware.Store.Tests;

[TestClass]
public sealed class ContentStoreRecoveryTests
{
    [TestMethod]
    public async Task Open_DeadSessionsLeftovers_RemovedLiveOnesKept()
    {
        using var f = new StoreFixture();
        var store = await f.OpenNamedAsync();
        File.WriteAllText(Path.Combine(store.ObjectsDirectory, ".tmp-dead0001-0.qcow2"), "half");
        var deadWork = Directory.CreateDirectory(Path.Combine(store.WorkDirectory, "dead0002", "executor")).Parent!.FullName;
        using var live = store.BeginSession();
        File.WriteAllText(live.TemporaryPath(0, ".qcow2"), "in progress");
        var liveWork = live.ScratchDirectory();

        var reopened = await f.OpenNamedAsync();

        Assert.AreEqual(1, reopened.Recovery.TemporariesRemoved);
        Assert.AreEqual(1, reopened.Recovery.ScratchDirectoriesRemoved);
        Assert.IsFalse(File.Exists(Path.Combine(store.ObjectsDirectory, ".tmp-dead0001-0.qcow2")));
        Assert.IsFalse(Directory.Exists(deadWork));
        Assert.IsTrue(File.Exists(live.TemporaryPath(0, ".qcow2")));
        Assert.IsTrue(Directory.Exists(liveWork));
    }

    [TestMethod]
    public async Task Open_AnyFileInDedicatedTemporaries_RemovedUnlessItsSessionLives()
    {
        using var f = new StoreFixture();
        var store = await f.OpenContentAsync();
        File.WriteAllBytes(Path.Combine(store.TemporariesDirectory, "dead.part"), new byte[10]);
        using var live = store.BeginSession();
        File.WriteAllBytes(live.TemporaryPath(0), new byte[10]);

        var reopened = await f.OpenContentAsync();

        Assert.AreEqual(1, reopened.Recovery.TemporariesRemoved);
        CollectionAssert.AreEqual(new[] { live.TemporaryPath(0) }, Directory.GetFiles(store.TemporariesDirectory));
    }

    [TestMethod]
    public async Task Open_NamedOrphan_RemovedUnlessItsProducerIsAtWork()
    {
        using var f = new StoreFixture();
        var store = await f.OpenNamedAsync();
        await f.CommitAsync(store, "base0001");
        File.WriteAllText(store.ObjectPath("orphan01"), "renamed but no entry");
        File.WriteAllText(Path.Combine(f.Root, "logs", "orphan01.log"), "its log");
        File.WriteAllText(store.ObjectPath("making01"), "being committed");
        File.WriteAllText(Path.Combine(f.Root, "logs", "making01.failed.log"), "a failed attempt's log is kept");
        using var producer = store.TryLockKey("making01");

        var reopened = await f.OpenNamedAsync();

        Assert.AreEqual(1, reopened.Recovery.OrphansRemoved);
        CollectionAssert.AreEquivalent(new[] { "base0001.qcow2", "making01.qcow2" }, Directory.GetFiles(store.ObjectsDirectory).Select(Path.GetFileName).ToArray());
        CollectionAssert.AreEquivalent(new[] { "base0001.log", "making01.failed.log" }, Directory.GetFiles(Path.Combine(f.Root, "logs")).Select(Path.GetFileName).ToArray());
    }

    [TestMethod]
    public async Task Open_ContentOrphanLayer_AdoptedWithItsParentFromTheHeader()
    {
        using var f = new StoreFixture();
        var (base1, top) = await OrphanLayerAsync(f);

        var reopened = await f.OpenContentAsync();

        Assert.AreEqual(1, reopened.Recovery.ObjectsAdopted);
        Assert.AreEqual(base1.Key, reopened.Find(top.Key)!.Parent);
        using var lease = reopened.TryLease(top.Key);
        Assert.IsNotNull(lease, "adopted, and its content checks out on first use");
    }

    [TestMethod]
    public async Task OpenAsync_ContentOrphanLayer_AdoptedWithItsParentAskedOfQemuImg()
    {
        using var f = new StoreFixture();
        var (base1, top) = await OrphanLayerAsync(f);

        var reopened = await ContentStore.OpenAsync(f.Content(), CancellationToken.None);

        Assert.AreEqual(1, reopened.Recovery.ObjectsAdopted);
        Assert.AreEqual(base1.Key, reopened.Find(top.Key)!.Parent);
        Assert.IsTrue(f.Qemu.Calls.Any(c => c.StartsWith("info ", StringComparison.Ordinal) && c.EndsWith(Path.GetFileName(top.ObjectPath), StringComparison.Ordinal)), string.Join("\n", f.Qemu.Calls));
    }

    [TestMethod]
    public async Task Open_ContentOrphanWithoutQemuImg_LeftForLater()
    {
        using var f = new StoreFixture();
        var store = await f.OpenContentAsync();
        var entry = await f.AddAsync(store, 1000, 1);
        File.Delete(store.EntryPath(entry.Key));

        var reopened = await ContentStore.OpenAsync(f.Content() with { QemuImg = null });

        Assert.IsNull(reopened.Find(entry.Key));
        Assert.IsTrue(File.Exists(entry.ObjectPath), "its parent cannot be told without qemu-img; a later recovery adopts it");
        Assert.AreEqual(1, (await f.OpenContentAsync()).Recovery.ObjectsAdopted);
    }

    [TestMethod]
    public async Task Open_EntryWhoseObjectVanished_DroppedWithItsLayers()
    {
        using var f = new StoreFixture();
        var store = await f.OpenContentAsync();
        var base1 = await f.AddAsync(store, 1000, 1);
        var top = await f.AddAsync(store, 300, 2, base1.Key);
        File.Delete(base1.ObjectPath);

        var reopened = await f.OpenContentAsync();

        Assert.AreEqual(2, reopened.Recovery.EntriesDropped);
        Assert.IsEmpty(reopened.List());
        Assert.IsFalse(File.Exists(top.ObjectPath));
    }

    [TestMethod]
    public async Task Open_TornEntryFile_DroppedAndObjectAdoptedAgain()
    {
        using var f = new StoreFixture();
        var store = await f.OpenContentAsync();
        var entry = await f.AddAsync(store, 1000, 1);
        File.WriteAllText(store.EntryPath(entry.Key), "{ \"version\": 1, \"ke");

        var reopened = await f.OpenContentAsync();

        Assert.AreEqual(1, reopened.Recovery.EntriesDropped);
        Assert.AreEqual(1, reopened.Recovery.ObjectsAdopted);
        Assert.AreEqual(entry.Key, reopened.Find(entry.Key)!.Sha256);
    }

    [TestMethod]
    public async Task Open_TemporaryEntryFileLeftByKilledWriter_Removed()
    {
        using var f = new StoreFixture();
        var store = await f.OpenContentAsync();
        var entry = await f.AddAsync(store, 1000, 1);
        var stale = Path.Combine(store.EntriesDirectory, $".tmp-{entry.Key}.json-0123456789abcdef0123456789abcdef");
        File.WriteAllText(stale, "{ \"version\": 1, \"ke");

        var reopened = await f.OpenContentAsync();

        Assert.IsFalse(File.Exists(stale));
        Assert.HasCount(1, reopened.List());
    }

    [TestMethod]
    public async Task Open_LegacyEntryFile_RewrittenKeepingParentPinAndLastUse()
    {
        using var f = new StoreFixture();
        var store = await f.OpenNamedAsync();
        await f.CommitAsync(store, "base0001");
        await f.CommitAsync(store, "top00001", "base0001");
        var lastUse = new DateTime(2025, 6, 1, 0, 0, 0, DateTimeKind.Utc);
        File.WriteAllText(store.EntryPath("top00001"), "{\"Id\": \"top00001\", \"ParentId\": \"base0001\", \"Pinned\": true}");
        File.SetLastWriteTimeUtc(store.EntryPath("top00001"), lastUse);
        var options = f.Named() with
        {
            ReadLegacyEntry = (key, json) => json.TryGetProperty("Id", out var id) && id.GetString() == key
                ? new LegacyEntry(json.GetProperty("ParentId").GetString(), json.GetProperty("Pinned").GetBoolean(), DateTimeOffset.UnixEpoch, json)
                : null,
        };

        var reopened = await ContentStore.OpenAsync(options);

        Assert.AreEqual(1, reopened.Recovery.EntriesUpgraded);
        var top = reopened.Find("top00001")!;
        Assert.AreEqual("base0001", top.Parent);
        Assert.IsTrue(top.Pinned);
        Assert.AreEqual(lastUse, top.LastUsedUtc.UtcDateTime);
        Assert.AreEqual("top00001", top.Metadata!.Value.GetProperty("Id").GetString());
        Assert.AreEqual(StoreFixture.Sha(File.ReadAllBytes(top.ObjectPath)), top.Sha256);
        Assert.AreEqual(0, (await ContentStore.OpenAsync(options)).Recovery.EntriesUpgraded, "rewritten once");
    }

    [TestMethod]
    public async Task Open_UnreadableNamedEntry_DroppedWithItsObjectAndLayers()
    {
        using var f = new StoreFixture();
        var store = await f.OpenNamedAsync();
        await f.CommitAsync(store, "base0001");
        await f.CommitAsync(store, "top00001", "base0001");
        File.WriteAllText(store.EntryPath("base0001"), JsonSerializer.Serialize(new { Id = "base0001" }));

        var reopened = await f.OpenNamedAsync();

        Assert.IsEmpty(reopened.List());
        Assert.IsEmpty(Directory.GetFiles(store.ObjectsDirectory));
        Assert.AreEqual(2, reopened.Recovery.EntriesDropped);
        Assert.AreEqual(1, reopened.Recovery.OrphansRemoved);
    }

    [TestMethod]
    public async Task Open_LeaseFileOfGoneEntry_Removed()
    {
        using var f = new StoreFixture();
        var store = await f.OpenNamedAsync();
        await f.CommitAsync(store, "base0001");
        store.TryLease("base0001")!.Dispose();
        File.WriteAllText(Path.Combine(store.LocksDirectory, "gone0001.lease"), string.Empty);

        await f.OpenNamedAsync();

        CollectionAssert.AreEqual(new[] { "base0001.lease" }, Directory.GetFiles(store.LocksDirectory, "*.lease").Select(Path.GetFileName).ToArray());
    }

    [TestMethod]
    public async Task Check_BrokenStore_NamesEveryProblemAndRecoveryClearsThem()
    {
        using var f = new StoreFixture();
        var store = await f.OpenContentAsync();
        var base1 = await f.AddAsync(store, 1000, 1);
        var top = await f.AddAsync(store, 300, 2, base1.Key);
        var lone = await f.AddAsync(store, 200, 3);
        File.Delete(base1.ObjectPath);
        File.Delete(store.EntryPath(lone.Key));
        File.WriteAllBytes(Path.Combine(store.TemporariesDirectory, ".tmp-dead0001-0"), new byte[5]);

        var problems = store.Check();

        Assert.HasCount(3, problems, string.Join("\n", problems));
        Assert.IsTrue(problems.Any(p => p.Contains("has no object file", StringComparison.Ordinal)));
        Assert.IsTrue(problems.Any(p => p.Contains(lone.ObjectPath + " has no entry", StringComparison.Ordinal)));
        Assert.IsTrue(problems.Any(p => p.Contains("belongs to no live session", StringComparison.Ordinal)));
        Assert.IsEmpty((await f.OpenContentAsync()).Check());
        Assert.IsNull(store.Find(top.Key));
    }

    // A base and a layer on it whose entry file was lost (a kill between the object's rename and its entry file); qemu-img tells the layer's backing file.
    private static async Task<(StoreEntry Base, StoreEntry Top)> OrphanLayerAsync(StoreFixture f)
    {
        var store = await f.OpenContentAsync();
        var base1 = await f.AddAsync(store, 1000, 1);
        var top = await f.AddAsync(store, 300, 2, base1.Key);
        f.Qemu.Backing[Path.GetFileName(top.ObjectPath)] = base1.ObjectPath;
        File.Delete(store.EntryPath(top.Key));
        return (base1, top);
    }
}
