using VmMiddleware.Store.Entries;

namespace VmMiddleware.Store.Tests;

[TestClass]
public sealed class ContentStoreAddingTests
{
    [TestMethod]
    public async Task AddAsync_NewContent_StoredReadOnlyUnderItsSha256()
    {
        using var f = new StoreFixture();
        var store = await f.OpenContentAsync();
        var bytes = StoreFixture.Bytes(1000, 1);
        using var source = new MemoryStream(bytes);

        var commit = await store.AddAsync(source, new EntryRequest { Mode = UnixFileMode.UserRead }, CancellationToken.None);

        var key = StoreFixture.Sha(bytes);
        Assert.IsTrue(commit.Added);
        Assert.AreEqual(key, commit.Entry.Key);
        Assert.AreEqual(Path.Combine(f.Root, "objects", key[..2], key[2..]), commit.Entry.ObjectPath);
        CollectionAssert.AreEqual(bytes, File.ReadAllBytes(commit.Entry.ObjectPath));
        Assert.AreEqual(UnixFileMode.UserRead, File.GetUnixFileMode(commit.Entry.ObjectPath));
        Assert.IsEmpty(Directory.GetFiles(store.TemporariesDirectory));
        Assert.IsEmpty(Directory.GetFiles(store.LocksDirectory, "session-*"));
    }

    [TestMethod]
    public async Task AddAsync_SameContentTwice_SecondIsDiscarded()
    {
        using var f = new StoreFixture();
        var store = await f.OpenContentAsync();
        var first = await f.AddAsync(store, 1000, 1);
        using var again = new MemoryStream(StoreFixture.Bytes(1000, 1));

        var second = await store.AddAsync(again, new EntryRequest(), CancellationToken.None);

        Assert.IsFalse(second.Added);
        Assert.AreEqual(first.Key, second.Entry.Key);
        Assert.HasCount(1, store.List());
    }

    [TestMethod]
    public async Task AddAsync_WrongExpectedSha256_ThrowsNamingBothAndLeavesNothing()
    {
        using var f = new StoreFixture();
        var store = await f.OpenContentAsync();
        var other = StoreFixture.IdOf("something else");
        using var source = new MemoryStream(StoreFixture.Bytes(1000, 1));

        var e = await Assert.ThrowsExactlyAsync<InvalidDataException>(() => store.AddAsync(source, new EntryRequest { ExpectedSha256 = "sha256:" + other, SourceName = "a.img" }, CancellationToken.None));

        Assert.AreEqual($"a.img: content is sha256:{StoreFixture.Sha(StoreFixture.Bytes(1000, 1))}, expected sha256:{other}", e.Message);
        Assert.IsEmpty(store.List());
        Assert.IsEmpty(Directory.GetFiles(store.TemporariesDirectory));
        Assert.IsEmpty(Directory.GetFiles(store.ObjectsDirectory, "*", SearchOption.AllDirectories));
    }

    [TestMethod]
    public async Task CommitAsync_StagedSha256Given_RecordedWithoutHashingAgain()
    {
        using var f = new StoreFixture();
        var store = await f.OpenContentAsync();
        using var session = store.BeginSession();
        var temp = session.TemporaryPath(0, ".img");
        await File.WriteAllBytesAsync(temp, StoreFixture.Bytes(1000, 1));
        // A digest the bytes do not have: only a store that trusts the caller's hash records it.
        var claimed = StoreFixture.IdOf("hashed by the caller");

        var commit = await store.CommitAsync(temp, new EntryRequest { StagedSha256 = claimed }, CancellationToken.None);

        Assert.AreEqual(claimed, commit.Entry.Sha256);
        Assert.AreEqual(claimed, commit.Entry.Key);
    }

    [TestMethod]
    public async Task CommitAsync_LinkedLayerWithStagedSha256_HashedAfterTheRebase()
    {
        using var f = new StoreFixture();
        var store = await f.OpenNamedAsync();
        await f.CommitAsync(store, "base0001");
        using var session = store.BeginSession();
        var temp = session.TemporaryPath(0, ".qcow2");
        var bytes = StoreFixture.Bytes(100, 9);
        await File.WriteAllBytesAsync(temp, bytes);

        var commit = await store.CommitAsync(temp, new EntryRequest { Key = "top00001", Parent = "base0001", StagedSha256 = StoreFixture.IdOf("stale") }, CancellationToken.None);

        Assert.AreEqual(StoreFixture.Sha(File.ReadAllBytes(commit.Entry.ObjectPath)), commit.Entry.Sha256);
    }

    [TestMethod]
    public async Task AddAsync_Cancelled_LeavesNoTemporary()
    {
        using var f = new StoreFixture();
        var store = await f.OpenContentAsync();
        using var source = new MemoryStream(StoreFixture.Bytes(4 << 20, 3));

        await Assert.ThrowsAsync<OperationCanceledException>(() => store.AddAsync(source, new EntryRequest(), new CancellationToken(canceled: true)));

        Assert.IsEmpty(Directory.GetFiles(store.TemporariesDirectory));
        Assert.IsEmpty(store.List());
    }

    [TestMethod]
    public async Task AddAsync_ParentNotStored_ThrowsAndCommitsNothing()
    {
        using var f = new StoreFixture();
        var store = await f.OpenContentAsync();
        using var source = new MemoryStream(StoreFixture.Bytes(100, 2));

        var e = await Assert.ThrowsExactlyAsync<InvalidDataException>(() => store.AddAsync(source, new EntryRequest { Parent = StoreFixture.IdOf("gone") }, CancellationToken.None));

        StringAssert.Contains(e.Message, "is not in the store");
        Assert.IsEmpty(store.List());
    }

    [TestMethod]
    public async Task AddAsync_NamedStoreWithoutKey_Throws()
    {
        using var f = new StoreFixture();
        using var source = new MemoryStream(StoreFixture.Bytes(100, 2));

        await Assert.ThrowsExactlyAsync<ArgumentException>(async () => await (await f.OpenNamedAsync()).AddAsync(source, new EntryRequest(), CancellationToken.None));
    }

    [TestMethod]
    public async Task AddAsync_ConcurrentSameContent_OneObjectAndEveryoneGetsIt()
    {
        using var f = new StoreFixture();
        var bytes = StoreFixture.Bytes(300_000, 9);

        var commits = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            using var source = new MemoryStream(bytes);
            return await (await f.OpenContentAsync()).AddAsync(source, new EntryRequest(), CancellationToken.None);
        })));

        Assert.IsTrue(commits.All(c => c.Entry.Key == StoreFixture.Sha(bytes)));
        Assert.HasCount(1, Directory.GetFiles(Path.Combine(f.Root, "objects"), "*", SearchOption.AllDirectories));
        Assert.IsEmpty(Directory.GetFiles(Path.Combine(f.Root, "tmp")));
    }

    [TestMethod]
    public async Task AddAsync_OverCap_EvictsOldestButKeepsNewEntry()
    {
        using var f = new StoreFixture();
        var store = await f.OpenContentAsync(cap: 2500);
        var a = await f.AddAsync(store, 1000, 1);
        var b = await f.AddAsync(store, 1000, 2);

        var c = await f.AddAsync(store, 1000, 3);

        CollectionAssert.AreEquivalent(new[] { b.Key, c.Key }, store.List().Select(e => e.Key).ToArray());
        Assert.IsFalse(File.Exists(a.ObjectPath));
        Assert.AreEqual(2000, store.TotalBytes());
    }

    [TestMethod]
    public async Task CommitAsync_LinkedLayer_RebasedOntoParentObjectName()
    {
        using var f = new StoreFixture();
        var store = await f.OpenNamedAsync();
        await f.CommitAsync(store, "base0001");

        var top = await f.CommitAsync(store, "top00001", "base0001");

        Assert.IsTrue(f.Qemu.Calls.Any(c => c.StartsWith("rebase -u -b base0001.qcow2 -F qcow2 ", StringComparison.Ordinal)), string.Join("\n", f.Qemu.Calls));
        Assert.AreEqual("base0001", top.Parent);
        Assert.IsTrue(File.Exists(Path.Combine(store.Root, "layers", "top00001.qcow2")));
        Assert.IsEmpty(Directory.GetFiles(store.ObjectsDirectory, ".tmp-*"));
    }

    [TestMethod]
    public async Task CommitAsync_BackingAlreadyNamed_NotRebased()
    {
        using var f = new StoreFixture();
        var store = await f.OpenNamedAsync();
        await f.CommitAsync(store, "base0001");
        using var session = store.BeginSession();
        var temp = session.TemporaryPath(1, ".qcow2");
        await File.WriteAllTextAsync(temp, "layer naming base0001.qcow2");

        await store.CommitAsync(temp, new EntryRequest { Key = "top00001", Parent = "base0001", BackingNamed = true }, CancellationToken.None);

        Assert.IsFalse(f.Qemu.Calls.Any(c => c.StartsWith("rebase", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task CommitAsync_FileOutsideTemporaries_Refused()
    {
        using var f = new StoreFixture();
        var store = await f.OpenNamedAsync();
        var outside = Path.Combine(f.Dir, "layer.qcow2");
        await File.WriteAllTextAsync(outside, "x");

        await Assert.ThrowsExactlyAsync<ArgumentException>(() => store.CommitAsync(outside, new EntryRequest { Key = "abc" }, CancellationToken.None));
    }

    [TestMethod]
    public async Task AddAsync_AndLease_LeasesWholeChainAtOnce()
    {
        using var f = new StoreFixture();
        var store = await f.OpenContentAsync();
        var base1 = await f.AddAsync(store, 1000, 1);
        using var source = new MemoryStream(StoreFixture.Bytes(500, 2));

        var commit = await store.AddAsync(source, new EntryRequest { Parent = base1.Key, Lease = true }, CancellationToken.None);

        using var lease = commit.Lease!;
        CollectionAssert.AreEqual(new[] { commit.Entry.Key, base1.Key }, lease.Chain.Select(e => e.Key).ToArray());
        Assert.IsEmpty(store.Trim(0));
    }
}
