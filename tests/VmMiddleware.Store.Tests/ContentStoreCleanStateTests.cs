using VmMiddleware.Store.Faults;

namespace VmMiddleware.Store.Tests;

/// <summary>The clean-state record that lets an open skip reading entry files: written when a change leaves the store consistent, gone while one is under way.</summary>
[TestClass]
public sealed class ContentStoreCleanStateTests
{
    [TestMethod]
    public async Task Open_StoreLeftConsistent_RecordListsEntryFilesAndNextOpenHasNothingToDo()
    {
        using var f = new StoreFixture();
        var store = await f.OpenContentAsync();
        var base1 = await f.AddAsync(store, 1000, 1);
        var top = await f.AddAsync(store, 300, 2, base1.Key);

        var reopened = await f.OpenContentAsync();

        Assert.AreEqual(0, reopened.Recovery.Total);
        var lines = File.ReadAllLines(RecordPath(store));
        CollectionAssert.AreEquivalent(
            new[] { base1.Key, top.Key },
            lines[1..^1].Select(line => line.Split(' ')[0]).ToArray());
        Assert.AreEqual($"{top.Key} {new FileInfo(store.EntryPath(top.Key)).Length}", lines.Single(line => line.StartsWith(top.Key, StringComparison.Ordinal)));
        Assert.AreEqual("end 2", lines[^1]);
        ContentStoreCrashPointTests.AssertConsistent(reopened);
    }

    [TestMethod]
    public async Task AddAsync_StoppedAfterRename_NoRecordLeftAndNextOpenRecoversInFull()
    {
        using var f = new StoreFixture();
        var store = await f.OpenContentAsync();
        await f.AddAsync(store, 1000, 1);
        Assert.IsTrue(File.Exists(RecordPath(store)));
        f.CrashPoint = point =>
        {
            if (point == CrashPoints.CommitRenamed)
            {
                throw new InvalidOperationException(point);
            }
        };
        using var source = new MemoryStream(StoreFixture.Bytes(300, 2));

        await Assert.ThrowsExactlyAsync<InvalidOperationException>(async () => await (await ContentStore.OpenAsync(f.Content())).AddAsync(source, new(), CancellationToken.None));
        Assert.IsFalse(File.Exists(RecordPath(store)), "a change under way has removed the record");
        f.CrashPoint = null;
        var reopened = await f.OpenContentAsync();

        Assert.AreEqual(1, reopened.Recovery.ObjectsAdopted, "the object renamed into place without its entry file");
        Assert.IsTrue(File.Exists(RecordPath(store)), "the full recovery writes it again");
    }

    [TestMethod]
    public async Task Remove_StoppedAfterObjectDeleted_NoRecordLeftAndNextOpenDropsThatEntry()
    {
        using var f = new StoreFixture();
        var store = await f.OpenNamedAsync();
        await f.CommitAsync(store, "base0001");
        await f.CommitAsync(store, "top00001", "base0001");
        f.CrashPoint = point =>
        {
            if (point == CrashPoints.RemoveObjectDeleted)
            {
                throw new InvalidOperationException(point);
            }
        };

        await Assert.ThrowsExactlyAsync<InvalidOperationException>(async () => (await ContentStore.OpenAsync(f.Named())).Remove("base0001"));
        Assert.IsFalse(File.Exists(RecordPath(store)));
        f.CrashPoint = null;
        var reopened = await f.OpenNamedAsync();

        Assert.AreEqual(1, reopened.Recovery.EntriesDropped, "the layer, whose object went first");
        CollectionAssert.AreEqual(new[] { "base0001" }, reopened.List().Select(e => e.Key).ToArray());
        ContentStoreCrashPointTests.AssertConsistent(reopened);
    }

    [TestMethod]
    public async Task Open_RecordTornOrStale_RecoversInFullAndRewritesIt()
    {
        using var f = new StoreFixture();
        var store = await f.OpenNamedAsync();
        await f.CommitAsync(store, "base0001");
        var whole = File.ReadAllText(RecordPath(store));
        File.WriteAllText(RecordPath(store), whole[..^4]);
        File.WriteAllText(store.ObjectPath("orphan01"), "an object the record does not know");

        var reopened = await f.OpenNamedAsync();

        Assert.AreEqual(1, reopened.Recovery.OrphansRemoved);
        Assert.AreEqual(whole, File.ReadAllText(RecordPath(store)));
    }

    private static string RecordPath(ContentStore store) => Path.Combine(store.LocksDirectory, "entries.clean");
}
