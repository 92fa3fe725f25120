using System.Security.Cryptography;
using VmMiddleware.Remote.Transfer;
using VmMiddleware.Store;

namespace VmMiddleware.Remote.Tests.Transfer;

/// <summary>The gateway side of an upload on a real file system: complete uploads stored and hash-checked, job directories built from hard links, the store trimmed to its cap without touching what the job being staged needs, and an old root's blobs adopted.</summary>
[TestClass]
public sealed class GatewayStagerTests
{
    private string root = null!;

    [TestInitialize]
    public void Create() => root = Directory.CreateTempSubdirectory("vmgrid-gwstage-").FullName;

    [TestCleanup]
    public void Remove()
    {
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        Directory.Delete(root, recursive: true);
    }

    [TestMethod]
    public async Task StageAsync_CompleteUploads_StoredLinkedAndASecondJobFindsThem()
    {
        var (a, b) = (Upload(1000), Upload(2000, executable: true));

        var first = await StageAsync("one", 1L << 30, a, b);
        var second = await StageAsync("two", 1L << 30, a with { RelativePath = "again/a.bin" });

        Assert.AreEqual(Path.Combine(root, "jobs", "one"), first.Directory);
        Assert.AreEqual((2, 0), (first.Stored, first.Present));
        Assert.AreEqual((0, 1), (second.Stored, second.Present));
        Assert.IsTrue(Directory.Exists(Path.Combine(root, "jobs", "one", "out")));
        Assert.AreEqual(a.Sha256, Sha(Path.Combine(root, "jobs", "two", "again", "a.bin")));
        Assert.AreEqual(b.Sha256, Sha(Path.Combine(root, "jobs", "one", b.RelativePath)));
        Assert.AreNotEqual((UnixFileMode)0, File.GetUnixFileMode(Path.Combine(root, "jobs", "one", b.RelativePath)) & UnixFileMode.UserExecute);
        Assert.AreEqual((UnixFileMode)0, File.GetUnixFileMode(Path.Combine(root, "jobs", "one", a.RelativePath)) & UnixFileMode.UserWrite, "blobs are read-only");
        Assert.IsFalse(Directory.EnumerateFiles(Path.Combine(root, "partial")).Any(), "every complete upload moved into the store");
        Assert.AreEqual(0, (await OpenAsync()).Check().Count, string.Join("\n", (await OpenAsync()).Check()));
    }

    [TestMethod]
    public async Task StageAsync_CorruptUpload_IsRefusedRemovedAndNothingBuilt()
    {
        var good = Upload(1000);
        var bad = Upload(1000);
        File.WriteAllBytes(Path.Combine(root, "partial", bad.Sha256), RandomNumberGenerator.GetBytes(1000));

        var result = await StageAsync("job", 1L << 30, good, bad);

        Assert.IsNull(result.Directory);
        Assert.AreEqual(1, result.Corrupt.Count);
        Assert.AreEqual(bad.Sha256, result.Corrupt[0].Sha256);
        Assert.AreNotEqual(bad.Sha256, result.Corrupt[0].Actual);
        Assert.IsFalse(File.Exists(Path.Combine(root, "partial", bad.Sha256)), "the corrupt upload is removed");
        Assert.IsNull((await OpenAsync()).Find(bad.Sha256));
        Assert.IsNotNull((await OpenAsync()).Find(good.Sha256), "the good upload is kept for the next attempt");
        Assert.IsFalse(Directory.Exists(Path.Combine(root, "jobs", "job")));
    }

    [TestMethod]
    public async Task StoreAsync_CompleteAndCorruptUploads_StoresOneRefusesTheOtherBuildsNothing()
    {
        var good = Upload(1000);
        var bad = Upload(1000);
        File.WriteAllBytes(Path.Combine(root, "partial", bad.Sha256), RandomNumberGenerator.GetBytes(1000));

        var result = await GatewayStager.StoreAsync(GatewayStore.Options(root, TimeProvider.System), [good, bad], CancellationToken.None);
        var again = await GatewayStager.StoreAsync(GatewayStore.Options(root, TimeProvider.System), [good], CancellationToken.None);

        Assert.AreEqual((1, 0), (result.Stored, result.Present));
        Assert.AreEqual(bad.Sha256, result.Corrupt.Single().Sha256);
        Assert.AreEqual((0, 1), (again.Stored, again.Present));
        Assert.IsNotNull((await OpenAsync()).Find(good.Sha256));
        Assert.IsFalse(Directory.Exists(Path.Combine(root, "jobs")));
        Assert.IsFalse(Directory.EnumerateFiles(Path.Combine(root, "partial")).Any());
    }

    [TestMethod]
    public async Task StageAsync_ContentNeitherStoredNorUploaded_IsMissing()
    {
        var absent = new StageFile("x.bin", Convert.ToHexStringLower(SHA256.HashData("absent"u8)), false);

        var result = await StageAsync("job", 1L << 30, absent);

        CollectionAssert.AreEqual(new[] { absent.Sha256 }, result.Missing.ToArray());
        Assert.IsNull(result.Directory);
    }

    [TestMethod]
    public async Task StageAsync_CapBelowTwoJobs_EvictsTheOldJobsContentOnlyAndItsDirectoryStillReads()
    {
        var (old, shared) = (Upload(3000), Upload(3000));
        await StageAsync("old", 1L << 30, old, shared);
        var fresh = Upload(3000);

        var result = await StageAsync("new", 6500, fresh, shared);

        CollectionAssert.AreEqual(new[] { old.Sha256 }, result.Evicted.ToArray());
        var store = await OpenAsync();
        Assert.IsNull(store.Find(old.Sha256));
        Assert.IsNotNull(store.Find(shared.Sha256));
        Assert.IsNotNull(store.Find(fresh.Sha256));
        Assert.IsTrue(store.TotalBytes() <= 6500);
        Assert.AreEqual(old.Sha256, Sha(Path.Combine(root, "jobs", "old", old.RelativePath)), "a hard link keeps the old job's bytes");
    }

    [TestMethod]
    public async Task StageAsync_CapSmallerThanTheJob_KeepsEveryContentTheJobNeeds()
    {
        var (a, b) = (Upload(3000), Upload(3000));

        var result = await StageAsync("job", 1000, a, b);

        Assert.AreEqual(0, result.Evicted.Count, "leased while the job directory is built");
        Assert.IsNotNull(result.Directory);
    }

    [TestMethod]
    public async Task StageAsync_OldRootBlobsWithoutEntryFiles_AreAdoptedAndUsed()
    {
        var bytes = RandomNumberGenerator.GetBytes(4000);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        Directory.CreateDirectory(Path.Combine(root, "blobs", "sha256"));
        File.WriteAllBytes(Path.Combine(root, "blobs", "sha256", sha), bytes);

        var result = await StageAsync("job", 1L << 30, new StageFile("old.bin", sha, false));

        Assert.AreEqual((0, 1), (result.Stored, result.Present));
        Assert.IsTrue(File.Exists(Path.Combine(root, "blobs", "entries", sha + ".json")));
        Assert.AreEqual(sha, Sha(Path.Combine(root, "jobs", "job", "old.bin")));
    }

    [TestMethod]
    public async Task StageAsync_ExistingJobDirectory_Throws()
    {
        var a = Upload(100);
        await StageAsync("job", 1L << 30, a);

        await Assert.ThrowsExactlyAsync<IOException>(() => StageAsync("job", 1L << 30, a));
    }

    [TestMethod]
    [DataRow("abc=x")]
    [DataRow("0000000000000000000000000000000000000000000000000000000000000000=../x")]
    [DataRow("0000000000000000000000000000000000000000000000000000000000000000=/etc/x")]
    [DataRow("0000000000000000000000000000000000000000000000000000000000000000")]
    public void Parse_BadForms_Throw(string text) => Assert.ThrowsExactly<FormatException>(() => StageFile.Parse(text));

    [TestMethod]
    public void Parse_FormatOfExecutable_RoundTrips()
    {
        var file = new StageFile("dir/a=b", new string('e', 64), true);

        Assert.AreEqual(file, StageFile.Parse(file.Format()));
    }

    private StageFile Upload(int length, bool executable = false)
    {
        var bytes = RandomNumberGenerator.GetBytes(length);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        Directory.CreateDirectory(Path.Combine(root, "partial"));
        File.WriteAllBytes(Path.Combine(root, "partial", sha), bytes);
        return new StageFile("f/" + sha[..8] + ".bin", sha, executable);
    }

    private Task<StageResult> StageAsync(string id, long cap, params StageFile[] files) =>
        GatewayStager.StageAsync(GatewayStore.Options(root, TimeProvider.System), cap, id, files, CancellationToken.None);

    private Task<ContentStore> OpenAsync() => ContentStore.OpenAsync(GatewayStore.Options(root, TimeProvider.System));

    private static string Sha(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
}
