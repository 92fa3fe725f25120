using System.Text.Json;

namespace VmMiddleware.Images.Tests.Store;

[TestClass]
public sealed class LayerStoreTests
{
    [TestMethod]
    public async Task Commit_Chain_ListedWithParentsAndLogs()
    {
        using var f = await StoreFixture.CreateAsync();
        await f.CommitAsync("aaaaaa01", null);
        await f.CommitAsync("aaaaaa02", "aaaaaa01");

        var chain = f.Store.Chain("aaaaaa02");

        CollectionAssert.AreEqual(new[] { "aaaaaa01", "aaaaaa02" }, chain.Select(s => s.Id).ToArray());
        CollectionAssert.AreEqual(new[] { "haaaaaa01", "haaaaaa02" }, chain[1].Manifest.NodeHashes.ToArray());
        Assert.AreEqual("log of aaaaaa02", File.ReadAllText(Path.Combine(f.Directory, chain[1].Manifest.BuildLog!)));
        Assert.IsTrue(f.Runner.Calls.Any(c => c.Contains("rebase -u -b aaaaaa01.qcow2", StringComparison.Ordinal)));
        Assert.AreEqual(100, chain[1].Manifest.LayerBytes);
    }

    [TestMethod]
    public async Task Resolve_UniquePrefix_FindsState()
    {
        using var f = await StoreFixture.CreateAsync();
        await f.CommitAsync("abcdef01", null);

        Assert.AreEqual("abcdef01", f.Store.Resolve("abcdef")!.Id);
        Assert.IsNull(f.Store.Resolve("abc"));
    }

    [TestMethod]
    public async Task Open_AfterCrash_RemovesTempsOrphansAndDanglingStates()
    {
        using var f = await StoreFixture.CreateAsync();
        await f.CommitAsync("aaaaaa01", null);
        var layers = Path.Combine(f.Directory, "layers");
        File.WriteAllText(Path.Combine(layers, ".tmp-dead0001-0.qcow2"), "half");
        File.WriteAllText(Path.Combine(layers, "bbbbbb01.qcow2"), "renamed but no manifest");
        File.WriteAllText(Path.Combine(f.Directory, "states", "cccccc01.json"),
            File.ReadAllText(Path.Combine(f.Directory, "states", "aaaaaa01.json")).Replace("aaaaaa01", "cccccc01", StringComparison.Ordinal).Replace("\"ParentId\": null", "\"ParentId\": \"gone\"", StringComparison.Ordinal)
                .Replace("\"parent\": null", "\"parent\": \"gone\"", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(layers, "cccccc01.qcow2"), "child of a missing parent");

        await f.ReopenAsync();

        CollectionAssert.AreEqual(new[] { "aaaaaa01" }, f.Store.List().Select(s => s.Id).ToArray());
        CollectionAssert.AreEquivalent(new[] { "aaaaaa01.qcow2" }, Directory.GetFiles(layers).Select(Path.GetFileName).ToArray());
    }

    [TestMethod]
    public async Task Open_LiveBuildTemps_Kept()
    {
        using var f = await StoreFixture.CreateAsync();
        using var session = f.Store.BeginSession();
        File.WriteAllText(session.TempLayerPath(0), "in progress");
        await File.WriteAllTextAsync(f.Store.LayerPath("dddddd01"), "being committed");
        using var committing = f.Store.TryLockState("dddddd01");

        await f.ReopenAsync();

        Assert.IsTrue(File.Exists(session.TempLayerPath(0)));
        Assert.IsTrue(File.Exists(f.Store.LayerPath("dddddd01")));
    }

    [TestMethod]
    public async Task Open_DeadBuildWorkDirectory_RemovedLiveOneKept()
    {
        using var f = await StoreFixture.CreateAsync();
        var dead = Directory.CreateDirectory(Path.Combine(f.Directory, "work", "dead0002", "executor")).Parent!.FullName;
        File.WriteAllText(Path.Combine(dead, "executor", "console.log"), "VMGRID:ACTION 001-script slow START\n");
        using var session = f.Store.BeginSession();
        var live = Directory.CreateDirectory(Path.Combine(f.Directory, "work", session.Id)).FullName;

        await f.ReopenAsync();

        Assert.IsFalse(Directory.Exists(dead));
        Assert.IsTrue(Directory.Exists(live));
        Assert.IsFalse(File.Exists(Path.Combine(f.Directory, "locks", "session-dead0002.lock")));
    }

    [TestMethod]
    public async Task Evict_OverCap_RemovesLeastRecentlyUsedLeavesFirst()
    {
        using var f = await StoreFixture.CreateAsync();
        await f.CommitAsync("base0001", null);
        await f.CommitAsync("left0001", "base0001");
        await f.CommitAsync("rite0001", "base0001");
        f.Store.Touch("left0001");

        var evicted = f.Store.Evict(250);

        CollectionAssert.AreEqual(new[] { "rite0001" }, evicted.ToArray());
    }

    [TestMethod]
    public async Task Evict_ParentWithDependants_EvictedOnlyAfterThem()
    {
        using var f = await StoreFixture.CreateAsync();
        await f.CommitAsync("base0001", null);
        await f.CommitAsync("mid00001", "base0001");
        await f.CommitAsync("top00001", "mid00001");
        f.Store.Touch("top00001");

        var evicted = f.Store.Evict(0);

        CollectionAssert.AreEqual(new[] { "top00001", "mid00001", "base0001" }, evicted.ToArray());
    }

    [TestMethod]
    public async Task Evict_PinnedState_KeptWithItsAncestors()
    {
        using var f = await StoreFixture.CreateAsync();
        await f.CommitAsync("base0001", null);
        await f.CommitAsync("mid00001", "base0001");
        await f.CommitAsync("other001", "base0001");
        Assert.IsTrue(f.Store.SetPinned("mid00001", pinned: true));

        var evicted = f.Store.Evict(0);

        CollectionAssert.AreEqual(new[] { "other001" }, evicted.ToArray());
        Assert.IsTrue(f.Store.Find("mid00001")!.Pinned);
        Assert.IsNotNull(f.Store.Find("base0001"));
    }

    [TestMethod]
    public async Task Evict_StateLockedByBuild_Skipped()
    {
        using var f = await StoreFixture.CreateAsync();
        await f.CommitAsync("base0001", null);
        using var building = f.Store.TryLockState("base0001");

        var evicted = f.Store.Evict(0);

        Assert.IsEmpty(evicted);
    }

    [TestMethod]
    public async Task Remove_State_TakesDependantsAlong()
    {
        using var f = await StoreFixture.CreateAsync();
        await f.CommitAsync("base0001", null);
        await f.CommitAsync("mid00001", "base0001");
        await f.CommitAsync("top00001", "mid00001");

        var removed = f.Store.Remove("mid00001");

        CollectionAssert.AreEqual(new[] { "top00001", "mid00001" }, removed.ToArray());
        CollectionAssert.AreEqual(new[] { "base0001" }, f.Store.List().Select(s => s.Id).ToArray());
    }

    [TestMethod]
    public async Task TryLockState_Held_ReturnsNullUntilReleased()
    {
        using var f = await StoreFixture.CreateAsync();
        var first = f.Store.TryLockState("eeeeee01");

        Assert.IsNotNull(first);
        Assert.IsNull(f.Store.TryLockState("eeeeee01"));
        first.Dispose();
        using var again = f.Store.TryLockState("eeeeee01");
        Assert.IsNotNull(again);
    }

    [TestMethod]
    public async Task Open_StoreWrittenBeforeTheContentStore_ManifestsPinsAndLastUseCarriedOver()
    {
        using var f = await StoreFixture.CreateAsync();
        await f.CommitAsync("base0001", null);
        await f.CommitAsync("top00001", "base0001");
        var states = Path.Combine(f.Directory, "states");
        var lastUse = new DateTime(2024, 6, 1, 0, 0, 0, DateTimeKind.Utc);
        foreach (var state in f.Store.List())
        {
            // What the layer store wrote before it was a content store configuration: the bare manifest, the pin beside it.
            File.WriteAllBytes(Path.Combine(states, state.Id + ".json"), JsonSerializer.SerializeToUtf8Bytes(state.Manifest, StoreJsonContext.Default.StateManifest));
            File.SetLastWriteTimeUtc(Path.Combine(states, state.Id + ".json"), lastUse);
        }

        File.WriteAllText(Path.Combine(states, "top00001.pin"), string.Empty);

        await f.ReopenAsync();

        var chain = f.Store.Chain("top00001");
        CollectionAssert.AreEqual(new[] { "base0001", "top00001" }, chain.Select(s => s.Id).ToArray());
        Assert.IsTrue(chain[1].Pinned);
        Assert.AreEqual(lastUse, chain[0].LastUsedUtc.UtcDateTime);
        CollectionAssert.AreEqual(new[] { "hbase0001", "htop00001" }, chain[1].Manifest.NodeHashes.ToArray());
        Assert.IsEmpty(Directory.GetFiles(states, "*.pin"));
        Assert.AreEqual(64, chain[1].Sha256!.Length);
    }

    [TestMethod]
    public async Task Lease_BuildOnAState_ItsChainNeitherEvictedNorRemoved()
    {
        using var f = await StoreFixture.CreateAsync();
        await f.CommitAsync("base0001", null);
        await f.CommitAsync("mid00001", "base0001");

        using (var lease = f.Store.Lease("mid00001"))
        {
            Assert.IsNotNull(lease);
            Assert.IsEmpty(f.Store.Evict(0));
            Assert.IsEmpty(f.Store.Remove("base0001"));
        }

        CollectionAssert.AreEqual(new[] { "mid00001", "base0001" }, f.Store.Evict(0).ToArray());
        Assert.IsNull(f.Store.Lease("mid00001"));
    }
}
