using VmMiddleware.Host.Durability;

namespace VmMiddleware.Host.Tests.Durability;

[TestClass]
public sealed class DurableFileTests
{
    private const int PayloadLength = 256 * 1024;

    [TestMethod]
    public void WriteAllText_NewTarget_WritesUtf8WithoutBomAndNoTemporary()
    {
        using var dir = new TempDirectory();
        DurableFile.WriteAllText(dir.File("a.json"), "é\n");
        CollectionAssert.AreEqual(new byte[] { 0xC3, 0xA9, 0x0A }, File.ReadAllBytes(dir.File("a.json")));
        CollectionAssert.AreEqual(new[] { dir.File("a.json") }, Directory.GetFiles(dir.Path));
    }

    [TestMethod]
    public void WriteAllBytes_ExistingTarget_ReplacesWhole()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("a"), "a much longer old content");
        DurableFile.WriteAllBytes(dir.File("a"), "new"u8.ToArray());
        Assert.AreEqual("new", File.ReadAllText(dir.File("a")));
    }

    [TestMethod]
    public void Write_WriterThrows_TargetUnchangedAndNoTemporary()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("a"), "old");
        Assert.ThrowsExactly<InvalidOperationException>(() => DurableFile.Write(dir.File("a"), stream =>
        {
            stream.Write("half"u8);
            throw new InvalidOperationException("writer failed");
        }));
        Assert.AreEqual("old", File.ReadAllText(dir.File("a")));
        Assert.HasCount(1, Directory.GetFiles(dir.Path));
    }

    [TestMethod]
    public void Write_WhileWriting_TemporaryMatchesPatternInSameDirectory()
    {
        using var dir = new TempDirectory();
        string[] during = [];
        DurableFile.Write(dir.File("index.json"), _ => during = Directory.GetFiles(dir.Path, DurableFile.TemporaryPattern(dir.File("index.json"))));
        Assert.HasCount(1, during);
        StringAssert.StartsWith(Path.GetFileName(during[0]), ".tmp-index.json-");
        Assert.IsEmpty(Directory.GetFiles(dir.Path, DurableFile.TemporaryPattern(dir.File("index.json"))));
    }

    [TestMethod]
    public void CommitRename_CompleteTemporary_MovesIntoPlace()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File(".tmp-x"), "done");
        DurableFile.CommitRename(dir.File(".tmp-x"), dir.File("x"));
        Assert.AreEqual("done", File.ReadAllText(dir.File("x")));
        Assert.IsFalse(File.Exists(dir.File(".tmp-x")));
    }

    [TestMethod]
    public void WriteAllBytes_ConcurrentWritersAndReader_NoCollisionNoPartialNoTemporary()
    {
        using var dir = new TempDirectory();
        var target = dir.File("shared.bin");
        DurableFile.WriteAllBytes(target, Payload(0));
        using var stop = new CancellationTokenSource();
        using var reading = new ManualResetEventSlim();
        var reads = 0;
        var reader = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var seen = File.ReadAllBytes(target);
                Assert.HasCount(PayloadLength, seen, "a reader saw a partial file");
                Assert.IsTrue(seen.AsSpan().IndexOfAnyExcept(seen[0]) < 0, "a reader saw two writers' bytes mixed");
                reads++;
                reading.Set();
            }
        });
        var writers = Enumerable.Range(1, 4).Select(w => Task.Run(() =>
        {
            // On a loaded machine the reader's task may start late: the writers begin once it reads, so the two overlap.
            reading.Wait(TimeSpan.FromMinutes(1));
            for (var i = 0; i < 40; i++)
            {
                DurableFile.WriteAllBytes(target, Payload((byte)w));
            }
        })).ToArray();
        Task.WaitAll(writers);
        stop.Cancel();
        reader.GetAwaiter().GetResult();

        Assert.IsGreaterThan(0, reads);
        CollectionAssert.AreEqual(new[] { target }, Directory.GetFiles(dir.Path), "a temporary file was left behind");
        var final = File.ReadAllBytes(target);
        Assert.HasCount(PayloadLength, final);
        Assert.IsTrue(final[0] is >= 1 and <= 4);
    }

    [TestMethod]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void SyncFile_ReadOnlyFile_Flushes()
    {
        // fsync needs no write access: a store flushes staged files it has made read-only (as a non-root user, which
        // PublishedLauncherTests exercises in a user namespace, an open for writing would be refused).
        using var dir = new TempDirectory();
        var file = Path.Combine(dir.Path, "staged");
        File.WriteAllText(file, "content");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        DurableFile.SyncFile(file);

        Assert.AreEqual("content", File.ReadAllText(file));
    }

    [TestMethod]
    public void SyncFile_Missing_ThrowsIOExceptionNamingThePath()
    {
        using var dir = new TempDirectory();
        var missing = Path.Combine(dir.Path, "missing");

        var e = Assert.ThrowsExactly<IOException>(() => DurableFile.SyncFile(missing));
        StringAssert.Contains(e.Message, missing);
    }

    [TestMethod]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void SyncFile_OwnerReadOnlyFile_FlushesAndKeepsItsMode()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "object");
        File.WriteAllBytes(path, Payload(3));
        const UnixFileMode readOnly = UnixFileMode.UserRead | UnixFileMode.GroupRead;
        File.SetUnixFileMode(path, readOnly);

        DurableFile.SyncFile(path);

        Assert.AreEqual(readOnly, File.GetUnixFileMode(path));
        CollectionAssert.AreEqual(Payload(3), File.ReadAllBytes(path));
    }

    private static byte[] Payload(byte fill) => Enumerable.Repeat(fill, PayloadLength).ToArray();
}
