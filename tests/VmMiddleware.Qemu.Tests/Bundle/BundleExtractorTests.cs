using System.Formats.Tar;
using System.IO.Compression;
using VmMiddleware.Qemu.Bundle;

namespace VmMiddleware.Qemu.Tests.Bundle;

[TestClass]
public sealed class BundleExtractorTests
{
    [TestMethod]
    [DataRow("/etc/passwd", "absolute")]
    [DataRow("../outside", "'..'")]
    [DataRow("bin/../../outside", "'..'")]
    [DataRow("bin//x", "empty")]
    public void Extract_HostileName_RefusedAndNothingLeftBehind(string name, string reason)
    {
        using var dir = new TempDirectory();
        var archive = Archive(dir.Path, new UstarTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream([1, 2, 3]) });
        var target = Path.Combine(dir.Path, "out");

        var e = Assert.ThrowsExactly<InvalidDataException>(() => QemuBundle.Extract(archive, target));

        StringAssert.Contains(e.Message, reason);
        Assert.IsFalse(Directory.Exists(target));
        Assert.HasCount(1, Directory.GetFileSystemEntries(dir.Path));
    }

    [TestMethod]
    [DataRow(TarEntryType.SymbolicLink)]
    [DataRow(TarEntryType.HardLink)]
    [DataRow(TarEntryType.CharacterDevice)]
    [DataRow(TarEntryType.Fifo)]
    public void Extract_LinkOrDevice_Refused(TarEntryType type)
    {
        using var dir = new TempDirectory();
        var entry = new UstarTarEntry(type, "lib/libc.so.6");
        if (type is TarEntryType.SymbolicLink or TarEntryType.HardLink)
        {
            entry.LinkName = "/etc/shadow";
        }

        var archive = Archive(dir.Path, entry);

        var e = Assert.ThrowsExactly<InvalidDataException>(() => QemuBundle.Extract(archive, Path.Combine(dir.Path, "out")));

        StringAssert.Contains(e.Message, "only regular files and directories");
    }

    [TestMethod]
    public void Extract_FileNotInManifest_Refused()
    {
        using var dir = new TempDirectory();
        var manifest = """{ "format": "vmgrid-qemu-bundle/1", "qemuVersion": "x", "qemuImgVersion": "x", "loader": "lib/ld.so", "files": [] }"""u8.ToArray();
        var archive = Archive(
            dir.Path,
            new UstarTarEntry(TarEntryType.RegularFile, "manifest.json") { DataStream = new MemoryStream(manifest) },
            new UstarTarEntry(TarEntryType.RegularFile, "bin/extra") { DataStream = new MemoryStream([1]) });

        var e = Assert.ThrowsExactly<InvalidDataException>(() => QemuBundle.Extract(archive, Path.Combine(dir.Path, "out")));

        StringAssert.Contains(e.Message, "bin/extra is not in the manifest");
    }

    private static string Archive(string dir, params TarEntry[] entries)
    {
        var path = Path.Combine(dir, "bundle.tar.gz");
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var tar = new TarWriter(gzip, TarEntryFormat.Ustar);
        foreach (var entry in entries)
        {
            tar.WriteEntry(entry);
        }

        return path;
    }

    private sealed class TempDirectory : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("vmgrid-extract-test-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
