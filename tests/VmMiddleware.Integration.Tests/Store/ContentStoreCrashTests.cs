using System.Diagnostics;
using VmMiddleware.Images.Store;
using VmMiddleware.Integration.Tests.Images;
using VmMiddleware.Integration.Tests.Support;
using VmMiddleware.Qemu.Cache;
using VmMiddleware.Store.Faults;

namespace VmMiddleware.Integration.Tests.Store;

/// <summary>
/// SIGKILL at every crash point of insert, eviction and recovery, for both configurations of the content store (the factory's layer
/// store with real qcow2 chains, the execute-side image cache with real images and layers): the next open finds the store consistent.
/// A helper process (tests/VmMiddleware.StoreCrashHelper) kills itself at the chosen point; the random-moment kills of a commit loop
/// are in LayerStoreQemuImgTests and <see cref="Cache_KilledAtRandomMomentsWhileAddingAndTrimming_StoreConsistent"/>.
/// </summary>
[TestClass]
[TestCategory("Integration")]
public sealed class ContentStoreCrashTests
{
    [TestMethod]
    [DataRow(CrashPoints.CommitRenamed, false)]
    [DataRow(CrashPoints.CommitRecorded, true)]
    public async Task Factory_KilledDuringInsert_ConsistentAndLayerWholeOrGone(string point, bool kept)
    {
        using var dir = new TempDir();
        var (root, raw) = await FactoryChainAsync(dir, layers: 2);

        await StoreCrashRun.KillAtAsync("factory", "insert", root, raw, point);

        var store = await AssertFactoryConsistentAsync(root);
        Assert.HasCount(kept ? 3 : 2, store.List());
    }

    [TestMethod]
    [DataRow(CrashPoints.RemoveObjectDeleted, 1, 2)]
    [DataRow(CrashPoints.RemoveEntryRemoved, 1, 2)]
    [DataRow(CrashPoints.RemoveObjectDeleted, 2, 1)]
    [DataRow(CrashPoints.RemoveEntryRemoved, 2, 1)]
    public async Task Factory_KilledDuringEviction_ConsistentAndOnlyWholeChainsLeft(string point, int occurrence, int statesLeft)
    {
        using var dir = new TempDir();
        var (root, raw) = await FactoryChainAsync(dir, layers: 3);

        await StoreCrashRun.KillAtAsync("factory", "evict", root, raw, point, occurrence);

        var store = await AssertFactoryConsistentAsync(root);
        Assert.HasCount(statesLeft, store.List());
    }

    [TestMethod]
    [DataRow(CrashPoints.RecoverTemporaryRemoved)]
    [DataRow(CrashPoints.RecoverOrphanHandled)]
    [DataRow(CrashPoints.RecoverEntryDropped)]
    public async Task Factory_KilledDuringRecovery_NextOpenFinishesIt(string point)
    {
        using var dir = new TempDir();
        var (root, raw) = await FactoryChainAsync(dir, layers: 3);
        var top = await TopStateAsync(root);
        await StoreCrashRun.KillAtAsync("factory", "insert", root, raw, CrashPoints.CommitRenamed);
        Assert.HasCount(4, Directory.GetFiles(Path.Combine(root, "layers"), "*.qcow2"), "three states and the layer orphaned by the kill");
        File.WriteAllText(Path.Combine(root, "layers", ".tmp-deadbeef0001-0.qcow2"), "a dead build's layer");
        File.Delete(Path.Combine(root, "layers", LayerStore.LayerFileName(top)));

        await StoreCrashRun.KillAtAsync("factory", "recover", root, raw, point);

        var store = await AssertFactoryConsistentAsync(root);
        Assert.HasCount(2, store.List(), "the state whose layer vanished is dropped, the orphaned layer removed");
    }

    [TestMethod]
    [DataRow(CrashPoints.AddCopied, "layer", false)]
    [DataRow(CrashPoints.CommitRenamed, "layer", false)]
    [DataRow(CrashPoints.CommitRecorded, "layer", true)]
    [DataRow(CrashPoints.AddCopied, "image", false)]
    [DataRow(CrashPoints.CommitRenamed, "image", true)]
    [DataRow(CrashPoints.CommitRecorded, "image", true)]
    public async Task Cache_KilledDuringInsert_ConsistentAndEntryWholeOrGone(string point, string kind, bool kept)
    {
        // An object renamed into place whose entry file was never written is adopted when its parent can be told: a standalone
        // image always; a layer whose header names its base relative to where it was made cannot be, so it is discarded.
        using var dir = new TempDir();
        var (root, baseId, layer) = await CacheWithBaseAsync(dir);
        var image = kind == "layer" ? layer : Path.Combine(dir.Path, "base.raw") + ".copy";
        if (kind == "image")
        {
            await File.WriteAllBytesAsync(image, new byte[8192]);
        }

        await StoreCrashRun.KillAtAsync("cache", "insert", root, image, point);

        var cache = await AssertCacheConsistentAsync(root);
        Assert.HasCount(kept ? 3 : 2, cache.List());
        if (kept && kind == "layer")
        {
            Assert.AreEqual(baseId, cache.List().Single(e => e.Backing is not null).Backing);
        }
    }

    [TestMethod]
    [DataRow(CrashPoints.RemoveObjectDeleted, 1, 2)]
    [DataRow(CrashPoints.RemoveEntryRemoved, 1, 2)]
    [DataRow(CrashPoints.RemoveObjectDeleted, 2, 1)]
    [DataRow(CrashPoints.RemoveEntryRemoved, 2, 1)]
    public async Task Cache_KilledDuringEviction_ConsistentAndOnlyWholeChainsLeft(string point, int occurrence, int entriesLeft)
    {
        using var dir = new TempDir();
        var (root, _, layer) = await CacheWithBaseAsync(dir);
        await (await ImageCache.OpenAsync(root, 1L << 40, TimeProvider.System, QemuEnvironment.QemuImg)).AddAsync(layer, null, CancellationToken.None);

        await StoreCrashRun.KillAtAsync("cache", "evict", root, layer, point, occurrence);

        var cache = await AssertCacheConsistentAsync(root);
        Assert.HasCount(entriesLeft, cache.List(), "the lone image is the first to go, then the layer, then its base");
    }

    [TestMethod]
    [DataRow(CrashPoints.RecoverTemporaryRemoved)]
    [DataRow(CrashPoints.RecoverOrphanHandled)]
    [DataRow(CrashPoints.RecoverEntryDropped)]
    public async Task Cache_KilledDuringRecovery_NextOpenFinishesIt(string point)
    {
        using var dir = new TempDir();
        var (root, baseId, layer) = await CacheWithBaseAsync(dir);
        var cache = await ImageCache.OpenAsync(root, 1L << 40, TimeProvider.System, QemuEnvironment.QemuImg);
        var top = await cache.AddAsync(layer, null, CancellationToken.None);
        var lone = cache.Find(cache.List().Single(e => e.Id != baseId && e.Id != top.Id).Id)!;
        File.WriteAllBytes(Path.Combine(root, "tmp", ".tmp-deadbeef0001-0"), new byte[4096]);
        File.Delete(Path.Combine(root, "entries", baseId[7..] + ".json"));
        File.Delete(lone.Path);

        await StoreCrashRun.KillAtAsync("cache", "recover", root, layer, point);

        cache = await AssertCacheConsistentAsync(root);
        CollectionAssert.AreEquivalent(new[] { baseId, top.Id }, cache.List().Select(e => e.Id).ToArray(), "the base adopted again, the lone image dropped");
    }

    [TestMethod]
    public async Task Cache_KilledAtRandomMomentsWhileAddingAndTrimming_StoreConsistent()
    {
        using var dir = new TempDir();
        var root = Path.Combine(dir.Path, "cache");
        var seed = Path.Combine(dir.Path, "seed.raw");
        await File.WriteAllBytesAsync(seed, new byte[4096]);
        var random = new Random(11);
        for (var round = 0; round < 4; round++)
        {
            var helper = Path.Combine(AppContext.BaseDirectory, "VmMiddleware.StoreCrashHelper.dll");
            using var process = Process.Start(new ProcessStartInfo(RequiredTool.Find("dotnet"), [helper, "cache", "insert-loop", root, seed]) { RedirectStandardOutput = true })!;
            Assert.AreEqual("ready", await process.StandardOutput.ReadLineAsync());
            StringAssert.StartsWith(await process.StandardOutput.ReadLineAsync(), "added ");
            await Task.Delay(random.Next(600));
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();

            await AssertCacheConsistentAsync(root);
        }

        Assert.IsNotEmpty((await ImageCache.OpenAsync(root, 1L << 40, TimeProvider.System)).List(), "the helper added nothing in four rounds");
    }

    /// <summary>A factory store holding a chain of real qcow2 layers.</summary>
    private static async Task<(string Root, string Raw)> FactoryChainAsync(TempDir dir, int layers)
    {
        RequiredTool.Find("qemu-img");
        var root = Path.Combine(dir.Path, "store");
        var raw = ImageTools.RawDisk(dir.Path, 8);
        await LayerStoreQemuImgTests.BuildChainAsync(await LayerStore.OpenAsync(root, QemuEnvironment.QemuImg), raw, layers);
        return (root, raw);
    }

    /// <summary>A cache holding a raw base and a lone image, and a qcow2 layer file over the base (not cached yet).</summary>
    private static async Task<(string Root, string BaseId, string Layer)> CacheWithBaseAsync(TempDir dir)
    {
        RequiredTool.Find("qemu-img");
        var root = Path.Combine(dir.Path, "cache");
        var basePath = Path.Combine(dir.Path, "base.raw");
        var bytes = new byte[1 << 20];
        new Random(5).NextBytes(bytes);
        await File.WriteAllBytesAsync(basePath, bytes);
        var lonePath = Path.Combine(dir.Path, "lone.raw");
        await File.WriteAllBytesAsync(lonePath, bytes[..4096]);
        var layer = Path.Combine(dir.Path, "top.qcow2");
        ImageTools.Run("qemu-img", "create", "-q", "-f", "qcow2", "-b", "base.raw", "-F", "raw", layer).EnsureSuccess();
        ImageTools.Run("qemu-io", "-f", "qcow2", "-c", "write -P 0x33 0 64k", layer).EnsureSuccess();
        var cache = await ImageCache.OpenAsync(root, 1L << 40, TimeProvider.System, QemuEnvironment.QemuImg);
        var baseEntry = await cache.AddAsync(basePath, null, CancellationToken.None);
        await Task.Delay(20);
        await cache.AddAsync(lonePath, null, CancellationToken.None);
        return (root, baseEntry.Id, layer);
    }

    /// <summary>Opens the factory store (recovering it) and checks the store's invariants, every layer with qemu-img check and its backing name.</summary>
    private static async Task<LayerStore> AssertFactoryConsistentAsync(string root)
    {
        await VmFactory.AssertConsistentAsync(root);
        var store = await LayerStore.OpenAsync(root, QemuEnvironment.QemuImg);
        var problems = store.Store.Check();
        Assert.IsEmpty(problems, string.Join("\n", problems));
        foreach (var state in store.List())
        {
            Assert.IsNull(store.Chain(state.Id)[0].Manifest.ParentId, state.Id + "'s chain is whole down to a base");
        }

        return store;
    }

    /// <summary>Opens the cache (recovering it) and checks the store's invariants, then leases every entry, which hashes its content.</summary>
    private static async Task<ImageCache> AssertCacheConsistentAsync(string root)
    {
        var cache = await ImageCache.OpenAsync(root, 1L << 40, TimeProvider.System, QemuEnvironment.QemuImg);
        var problems = cache.Store.Check();
        Assert.IsEmpty(problems, string.Join("\n", problems));
        foreach (var entry in cache.List())
        {
            Assert.IsTrue(cache.TryGet(entry.Id, out var lease), entry.Id + " leases and its content checks out");
            lease.Dispose();
        }

        return cache;
    }

    private static async Task<string> TopStateAsync(string root)
    {
        var store = await LayerStore.OpenAsync(root, QemuEnvironment.QemuImg);
        return store.List().OrderByDescending(s => store.Chain(s.Id).Count).First().Id;
    }
}
