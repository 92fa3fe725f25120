using System.Formats.Tar;
using System.Text;
using VmMiddleware.Qemu.Volumes;

namespace VmMiddleware.Qemu.Tests.Volumes;

[TestClass]
public sealed class OutputVolumeReaderTests
{
    private string _sandbox = null!;

    private string Image => Path.Combine(_sandbox, "output.img");

    private string Destination => Path.Combine(_sandbox, "job", "out");

    [TestInitialize]
    public void Setup()
    {
        _sandbox = Path.Combine(Path.GetTempPath(), "vmgrid-ovr-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(_sandbox, "job"));
    }

    [TestCleanup]
    public void Cleanup() => Directory.Delete(_sandbox, recursive: true);

    [TestMethod]
    public void Extract_OrdinaryTree_WritesFilesDirectoriesAndInTreeSymlink()
    {
        WriteImage(w =>
        {
            w.WriteEntry(new GnuTarEntry(TarEntryType.Directory, "./"));
            AddFile(w, "./stdout", "hello\n");
            w.WriteEntry(new GnuTarEntry(TarEntryType.Directory, "./results/"));
            AddFile(w, "./results/a.txt", "a");
            w.WriteEntry(new GnuTarEntry(TarEntryType.SymbolicLink, "./latest") { LinkName = "results/a.txt" });
        });

        var result = OutputVolumeReader.Extract(Image, Destination, 1000, 1000);

        Assert.AreEqual(2, result.Files);
        Assert.AreEqual(7, result.Bytes);
        Assert.AreEqual("hello\n", File.ReadAllText(Path.Combine(Destination, "stdout")));
        Assert.AreEqual("a", File.ReadAllText(Path.Combine(Destination, "latest")));
        Assert.AreEqual("results/a.txt", new FileInfo(Path.Combine(Destination, "latest")).LinkTarget);
    }

    [TestMethod]
    [DataRow("/etc/evil", "absolute paths")]
    [DataRow("../evil", "'..'")]
    [DataRow("./a/../../evil", "'..'")]
    public void Extract_EscapingName_RefusesNamingEntry(string name, string rule)
    {
        WriteImage(w => AddFile(w, name, "x"));

        var e = Assert.ThrowsExactly<OutputRefusedException>(() => OutputVolumeReader.Extract(Image, Destination, 1000, 1000));

        Assert.AreEqual(name, e.EntryName);
        StringAssert.Contains(e.Message, rule);
        AssertNothingWritten();
    }

    [TestMethod]
    [DataRow("/etc")]
    [DataRow("../../etc")]
    [DataRow("a/../..")]
    public void Extract_SymlinkLeavingTree_RefusesNamingEntry(string target)
    {
        WriteImage(w => w.WriteEntry(new GnuTarEntry(TarEntryType.SymbolicLink, "./link") { LinkName = target }));

        var e = Assert.ThrowsExactly<OutputRefusedException>(() => OutputVolumeReader.Extract(Image, Destination, 1000, 1000));

        Assert.AreEqual("./link", e.EntryName);
        AssertNothingWritten();
    }

    [TestMethod]
    public void Extract_FileThroughSymlink_Refused()
    {
        Directory.CreateDirectory(Path.Combine(_sandbox, "victim"));
        WriteImage(w =>
        {
            w.WriteEntry(new GnuTarEntry(TarEntryType.Directory, "./d/"));
            w.WriteEntry(new GnuTarEntry(TarEntryType.SymbolicLink, "./link") { LinkName = "d" });
            AddFile(w, "./link/x", "through");
        });

        var e = Assert.ThrowsExactly<OutputRefusedException>(() => OutputVolumeReader.Extract(Image, Destination, 1000, 1000));

        Assert.AreEqual("./link/x", e.EntryName);
        StringAssert.Contains(e.Message, "symbolic link 'link'");
        AssertNothingWritten();
    }

    [TestMethod]
    public void Extract_HardLinkEscape_Refused()
    {
        WriteImage(w => w.WriteEntry(new GnuTarEntry(TarEntryType.HardLink, "./passwd") { LinkName = "/etc/passwd" }));

        var e = Assert.ThrowsExactly<OutputRefusedException>(() => OutputVolumeReader.Extract(Image, Destination, 1000, 1000));

        Assert.AreEqual("./passwd", e.EntryName);
        StringAssert.Contains(e.Message, "hard links");
        AssertNothingWritten();
    }

    [TestMethod]
    [DataRow(TarEntryType.CharacterDevice, "device files")]
    [DataRow(TarEntryType.BlockDevice, "device files")]
    [DataRow(TarEntryType.Fifo, "FIFOs")]
    public void Extract_SpecialFile_Refused(TarEntryType type, string rule)
    {
        WriteImage(w => w.WriteEntry(type == TarEntryType.Fifo
            ? new GnuTarEntry(type, "./special")
            : new GnuTarEntry(type, "./special") { DeviceMajor = 1, DeviceMinor = 3 }));

        var e = Assert.ThrowsExactly<OutputRefusedException>(() => OutputVolumeReader.Extract(Image, Destination, 1000, 1000));

        Assert.AreEqual("./special", e.EntryName);
        StringAssert.Contains(e.Message, rule);
        AssertNothingWritten();
    }

    [TestMethod]
    public void Extract_FileOverPerFileLimit_Refused()
    {
        WriteImage(w => AddFile(w, "./big", new string('x', 101)));

        var e = Assert.ThrowsExactly<OutputRefusedException>(() => OutputVolumeReader.Extract(Image, Destination, 1000, 100));

        Assert.AreEqual("./big", e.EntryName);
        StringAssert.Contains(e.Message, "per-file limit");
        AssertNothingWritten();
    }

    [TestMethod]
    public void Extract_TotalOverLimit_RefusesEntryThatCrossesIt()
    {
        WriteImage(w =>
        {
            AddFile(w, "./one", new string('x', 60));
            AddFile(w, "./two", new string('x', 60));
        });

        var e = Assert.ThrowsExactly<OutputRefusedException>(() => OutputVolumeReader.Extract(Image, Destination, 100, 100));

        Assert.AreEqual("./two", e.EntryName);
        StringAssert.Contains(e.Message, "over the limit of 100 bytes");
        AssertNothingWritten();
    }

    [TestMethod]
    public void Extract_DuplicateName_Refused()
    {
        WriteImage(w =>
        {
            w.WriteEntry(new GnuTarEntry(TarEntryType.SymbolicLink, "./x") { LinkName = "y" });
            AddFile(w, "x", "second");
        });

        var e = Assert.ThrowsExactly<OutputRefusedException>(() => OutputVolumeReader.Extract(Image, Destination, 1000, 1000));

        Assert.AreEqual("x", e.EntryName);
        StringAssert.Contains(e.Message, "twice");
    }

    [TestMethod]
    public void Extract_GarbageImage_RefusedAsInvalidTar()
    {
        File.WriteAllBytes(Image, Enumerable.Range(0, 4096).Select(i => (byte)(i * 7)).ToArray());

        var e = Assert.ThrowsExactly<OutputRefusedException>(() => OutputVolumeReader.Extract(Image, Destination, 1000, 1000));

        StringAssert.Contains(e.Message, "not a valid tar");
        AssertNothingWritten();
    }

    [TestMethod]
    public void Extract_ExistingDestination_ReplacedOnlyOnSuccess()
    {
        Directory.CreateDirectory(Destination);
        File.WriteAllText(Path.Combine(Destination, "old.txt"), "old");
        WriteImage(w => AddFile(w, "../evil", "x"));
        Assert.ThrowsExactly<OutputRefusedException>(() => OutputVolumeReader.Extract(Image, Destination, 1000, 1000));
        Assert.IsTrue(File.Exists(Path.Combine(Destination, "old.txt")));

        WriteImage(w => AddFile(w, "new.txt", "new"));
        OutputVolumeReader.Extract(Image, Destination, 1000, 1000);

        Assert.IsFalse(File.Exists(Path.Combine(Destination, "old.txt")));
        Assert.AreEqual("new", File.ReadAllText(Path.Combine(Destination, "new.txt")));
        CollectionAssert.AreEquivalent(new[] { "out" }, Directory.GetFileSystemEntries(Path.Combine(_sandbox, "job")).Select(Path.GetFileName).ToArray());
    }

    [TestMethod]
    [DynamicData(nameof(MalformedOutputCorpus.Cases), typeof(MalformedOutputCorpus), DynamicDataDisplayName = nameof(MalformedOutputCorpus.Name), DynamicDataDisplayNameDeclaringType = typeof(MalformedOutputCorpus))]
    public void ExtractSafe_MalformedEntry_RefusesNamingEntryAndKeepsSafeOutputs(string name, Func<CraftedTar, CraftedTar> bad, string entry, string rule, bool endsArchive)
    {
        bad(new CraftedTar().File("./stdout", "out\n").File("./stderr", "err\n")).File("./after.txt", "after").WriteTo(Image);

        var result = OutputVolumeReader.ExtractSafe(Image, Destination, 100_000, 1000);

        Assert.IsNotEmpty(result.Refused, name);
        StringAssert.Contains(result.Refused[0].Message, entry, name);
        StringAssert.Contains(result.Refused[0].Message, rule, name);
        Assert.AreEqual("out\n", File.ReadAllText(Path.Combine(Destination, "stdout")), name);
        Assert.AreEqual("err\n", File.ReadAllText(Path.Combine(Destination, "stderr")), name);
        Assert.AreEqual(!endsArchive, File.Exists(Path.Combine(Destination, "after.txt")), name);
        var kept = Directory.GetFileSystemEntries(Destination, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(Destination, p)).Order().ToArray();
        CollectionAssert.IsSubsetOf(kept, new[] { "after.txt", "stderr", "stdout", "innocent" }, name + ": kept " + string.Join(", ", kept));
        AssertNothingOutside();
    }

    [TestMethod]
    [DynamicData(nameof(MalformedOutputCorpus.Cases), typeof(MalformedOutputCorpus), DynamicDataDisplayName = nameof(MalformedOutputCorpus.Name), DynamicDataDisplayNameDeclaringType = typeof(MalformedOutputCorpus))]
    public void Extract_MalformedEntry_RefusesAllNamingEntry(string name, Func<CraftedTar, CraftedTar> bad, string entry, string rule, bool endsArchive)
    {
        _ = endsArchive;
        bad(new CraftedTar().File("./stdout", "out\n")).WriteTo(Image);

        var e = Assert.ThrowsExactly<OutputRefusedException>(() => OutputVolumeReader.Extract(Image, Destination, 100_000, 1000), name);

        StringAssert.Contains(e.Message, entry, name);
        StringAssert.Contains(e.Message, rule, name);
        AssertNothingWritten();
    }

    private void WriteImage(Action<TarWriter> write)
    {
        using var stream = new FileStream(Image, FileMode.Create);
        using (var writer = new TarWriter(stream, TarEntryFormat.Gnu, leaveOpen: true))
        {
            write(writer);
        }

        // A raw disk: the archive is followed by zeros up to the disk size.
        stream.SetLength(stream.Length + (64 * 1024));
    }

    private static void AddFile(TarWriter writer, string name, string content)
    {
        using var data = new MemoryStream(Encoding.UTF8.GetBytes(content));
        writer.WriteEntry(new GnuTarEntry(TarEntryType.RegularFile, name) { DataStream = data });
    }

    private void AssertNothingOutside()
    {
        var entries = Directory.GetFileSystemEntries(_sandbox, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(_sandbox, p))
            .Where(p => p != "output.img" && p != "job" && !p.StartsWith("job/out", StringComparison.Ordinal))
            .ToArray();
        Assert.AreEqual(0, entries.Length, "written outside out/: " + string.Join(", ", entries));
        Assert.IsFalse(File.Exists(Path.Combine(Path.GetDirectoryName(_sandbox)!, "evil")));
    }

    private void AssertNothingWritten()
    {
        var entries = Directory.GetFileSystemEntries(_sandbox, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(_sandbox, p))
            .Where(p => p != "output.img" && p != "job" && p != "victim")
            .ToArray();
        Assert.AreEqual(0, entries.Length, "written: " + string.Join(", ", entries));
        Assert.IsFalse(File.Exists(Path.Combine(Path.GetDirectoryName(_sandbox)!, "evil")));
    }
}
