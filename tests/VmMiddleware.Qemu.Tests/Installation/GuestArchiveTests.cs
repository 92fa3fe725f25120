using System.Formats.Tar;
using System.IO.Compression;
using VmMiddleware.Qemu.Installation;

namespace VmMiddleware.Qemu.Tests.Installation;

[TestClass]
public sealed class GuestArchiveTests
{
    [TestMethod]
    public void Extract_CreatedArchive_LoadsTheSameGuestUnderItsIdentity()
    {
        var root = Directory.CreateTempSubdirectory("guest-archive-").FullName;
        try
        {
            var guest = FakeGuest(Path.Combine(root, "src", "guest-0123abcd"));
            var archive = Path.Combine(root, "reference-guest.tar.gz");
            GuestArchive.Create(guest, archive);

            var first = GuestArchive.Extract(archive, Path.Combine(root, "work", ".vmgrid-guest"));
            var again = GuestArchive.Extract(archive, Path.Combine(root, "work", ".vmgrid-guest"));

            Assert.AreEqual("guest-0123abcd", first.Identity);
            Assert.AreEqual(guest.CommandLine, first.CommandLine);
            Assert.AreEqual(first.Directory, again.Directory);
            Assert.AreEqual("kernel", File.ReadAllText(first.Kernel));
            CollectionAssert.AreEquivalent(new[] { "guest-0123abcd" }, Directory.GetFileSystemEntries(Path.Combine(root, "work", ".vmgrid-guest")).Select(Path.GetFileName).ToArray());
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [TestMethod]
    public void Create_Twice_WritesTheSameBytesWithNoPerProcessHeaders()
    {
        var root = Directory.CreateTempSubdirectory("guest-archive-").FullName;
        try
        {
            var guest = FakeGuest(Path.Combine(root, "guest"));
            GuestArchive.Create(guest, Path.Combine(root, "a.tar.gz"));
            Thread.Sleep(1100);
            GuestArchive.Create(guest, Path.Combine(root, "b.tar.gz"));

            CollectionAssert.AreEqual(File.ReadAllBytes(Path.Combine(root, "a.tar.gz")), File.ReadAllBytes(Path.Combine(root, "b.tar.gz")));
            using var gzip = new System.IO.Compression.GZipStream(File.OpenRead(Path.Combine(root, "a.tar.gz")), System.IO.Compression.CompressionMode.Decompress);
            using var reader = new System.Formats.Tar.TarReader(gzip);
            while (reader.GetNextEntry() is { } entry)
            {
                Assert.AreEqual(System.Formats.Tar.TarEntryFormat.Ustar, entry.Format, "a PAX header names this process's id (./PaxHeaders.PID/)");
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [TestMethod]
    [DataRow("guest-0123abcd/../../escape")]
    [DataRow("/etc/guest")]
    [DataRow("guest-0123abcd/sub/vmlinux")]
    [DataRow("other/vmlinux")]
    public void Extract_HostileEntry_IsRefusedAndNothingIsLeft(string name)
    {
        var root = Directory.CreateTempSubdirectory("guest-archive-").FullName;
        try
        {
            var archive = Path.Combine(root, "bad.tar.gz");
            using (var output = File.Create(archive))
            using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
            using (var writer = new TarWriter(gzip))
            {
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream([1]) });
            }

            var error = Assert.ThrowsExactly<InvalidDataException>(() => GuestArchive.Extract(archive, Path.Combine(root, "work")));

            StringAssert.Contains(error.Message, "unexpected entry");
            Assert.IsEmpty(Directory.GetFileSystemEntries(Path.Combine(root, "work")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static GuestKernel FakeGuest(string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "vmlinux"), "kernel");
        File.WriteAllText(Path.Combine(directory, "initramfs.cpio"), "initramfs");
        File.WriteAllText(Path.Combine(directory, "kernel.cmdline"), "console=ttyS0 quiet\n");
        return GuestKernel.Load(directory);
    }
}
