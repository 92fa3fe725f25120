using VmMiddleware.Store.Faults;

namespace VmMiddleware.Store.Tests;

/// <summary>Stops store operations at every crash point (by an exception, in process; the crash helper's tests kill a real process at the same points) and checks what the next open finds.</summary>
[TestClass]
public sealed class ContentStoreCrashPointTests
{
    [TestMethod]
    [DataRow(CrashPoints.AddCopied)]
    [DataRow(CrashPoints.CommitRenamed)]
    [DataRow(CrashPoints.CommitRecorded)]
    public async Task AddAsync_StoppedAtPoint_NextOpenConsistentAndEntryWholeOrAbsent(string point)
    {
        using var f = new StoreFixture();
        var store = await f.OpenContentAsync();
        var base1 = await f.AddAsync(store, 1000, 1);
        var key = StoreFixture.Sha(StoreFixture.Bytes(300, 2));
        f.Qemu.Backing[key[2..]] = base1.ObjectPath;
        f.CrashPoint = p => Stop(p, point);
        using var source = new MemoryStream(StoreFixture.Bytes(300, 2));

        await Assert.ThrowsExactlyAsync<StoppedException>(async () => await (await ContentStore.OpenAsync(f.Content())).AddAsync(source, new() { Parent = base1.Key }, CancellationToken.None));
        f.CrashPoint = null;
        var reopened = await f.OpenContentAsync();

        AssertConsistent(reopened);
        var added = reopened.Find(key);
        Assert.AreEqual(point == CrashPoints.AddCopied ? null : base1.Key, added?.Parent);
    }

    [TestMethod]
    [DataRow(CrashPoints.CommitRenamed)]
    [DataRow(CrashPoints.CommitRecorded)]
    public async Task CommitAsync_NamedStoppedAtPoint_NextOpenConsistent(string point)
    {
        using var f = new StoreFixture();
        await f.CommitAsync(await f.OpenNamedAsync(), "base0001");
        f.CrashPoint = p => Stop(p, point);

        await Assert.ThrowsExactlyAsync<StoppedException>(async () => await f.CommitAsync(await f.OpenNamedAsync(), "top00001", "base0001"));
        f.CrashPoint = null;
        var reopened = await f.OpenNamedAsync();

        AssertConsistent(reopened);
        Assert.AreEqual(point == CrashPoints.CommitRecorded, reopened.Find("top00001") is not null, "an orphaned named layer is discarded, a recorded one kept");
    }

    [TestMethod]
    [DataRow(CrashPoints.RemoveObjectDeleted, 1)]
    [DataRow(CrashPoints.RemoveEntryRemoved, 1)]
    [DataRow(CrashPoints.RemoveObjectDeleted, 2)]
    [DataRow(CrashPoints.RemoveEntryRemoved, 2)]
    public async Task Remove_StoppedAtPoint_NextOpenHasWholeChainsOnly(string point, int occurrence)
    {
        using var f = new StoreFixture();
        var store = await f.OpenNamedAsync();
        await f.CommitAsync(store, "base0001");
        await f.CommitAsync(store, "mid00001", "base0001");
        await f.CommitAsync(store, "top00001", "mid00001");
        var seen = 0;
        f.CrashPoint = p =>
        {
            if (p == point && ++seen == occurrence)
            {
                throw new StoppedException();
            }
        };

        await Assert.ThrowsExactlyAsync<StoppedException>(async () => (await ContentStore.OpenAsync(f.Named())).Remove("mid00001"));
        f.CrashPoint = null;
        var reopened = await f.OpenNamedAsync();

        AssertConsistent(reopened);
        Assert.IsNotNull(reopened.Find("base0001"));
        Assert.IsNull(reopened.Find("top00001"));
    }

    [TestMethod]
    [DataRow(CrashPoints.RecoverTemporaryRemoved)]
    [DataRow(CrashPoints.RecoverOrphanHandled)]
    [DataRow(CrashPoints.RecoverEntryDropped)]
    public async Task Open_RecoveryStoppedAtPoint_NextOpenFinishesIt(string point)
    {
        using var f = new StoreFixture();
        var store = await f.OpenContentAsync();
        var base1 = await f.AddAsync(store, 1000, 1);
        var top = await f.AddAsync(store, 300, 2, base1.Key);
        var lone = await f.AddAsync(store, 200, 3);
        File.WriteAllBytes(Path.Combine(store.TemporariesDirectory, ".tmp-dead0001-0"), new byte[5]);
        File.WriteAllBytes(Path.Combine(store.TemporariesDirectory, ".tmp-dead0002-0"), new byte[5]);
        File.Delete(base1.ObjectPath);
        File.Delete(store.EntryPath(lone.Key));
        f.CrashPoint = p => Stop(p, point);

        await Assert.ThrowsExactlyAsync<StoppedException>(() => f.OpenContentAsync());
        f.CrashPoint = null;
        var reopened = await f.OpenContentAsync();

        AssertConsistent(reopened);
        Assert.IsNull(reopened.Find(top.Key));
        Assert.IsNotNull(reopened.Find(lone.Key));
        Assert.IsEmpty(Directory.GetFiles(store.TemporariesDirectory));
    }

    /// <summary>The store's invariants (<see cref="ContentStore.Check"/>) and, over them, that every entry's chain is whole.</summary>
    internal static void AssertConsistent(ContentStore store)
    {
        var problems = store.Check();
        Assert.IsEmpty(problems, string.Join("\n", problems));
        foreach (var entry in store.List())
        {
            Assert.AreEqual(entry.Parent is null ? 1 : store.Chain(entry.Parent).Count + 1, store.Chain(entry.Key).Count, entry.Key + "'s chain");
        }
    }

    private static void Stop(string reached, string point)
    {
        if (reached == point)
        {
            throw new StoppedException();
        }
    }

    private sealed class StoppedException : Exception;
}
