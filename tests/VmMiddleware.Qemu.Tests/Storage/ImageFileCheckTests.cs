using VmMiddleware.Qemu.Storage;
using VmMiddleware.WorkUnits;

namespace VmMiddleware.Qemu.Tests.Storage;

[TestClass]
public sealed class ImageFileCheckTests
{
    private string _dir = null!;

    [TestInitialize]
    public void Setup() => _dir = Directory.CreateTempSubdirectory("vmgrid-check-").FullName;

    [TestCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    [TestMethod]
    [DataRow("text", ImageFormat.Qcow2, "is declared qcow2 but has no known image header (raw data)")]
    [DataRow("qcow2", ImageFormat.Raw, "is declared raw but has a qcow2 header")]
    [DataRow("qcow2-size-0", ImageFormat.Qcow2, "has a qcow2 header with virtual size 0")]
    [DataRow("empty", ImageFormat.Qcow2, "is empty")]
    [DataRow("directory", ImageFormat.Qcow2, "is a directory, not an image file")]
    public void Check_NotTheDeclaredImage_RefusedNamingPathAndProblem(string kind, ImageFormat declared, string problem)
    {
        var path = Make(kind);

        var e = Assert.ThrowsExactly<InvalidDataException>(() => ImageFileCheck.Check(path, declared));

        Assert.AreEqual($"The image {path} {problem}{(problem.StartsWith("is declared", StringComparison.Ordinal) || problem.StartsWith("has", StringComparison.Ordinal) ? "; refusing to use it" : string.Empty)}.", e.Message);
    }

    [TestMethod]
    [DataRow("qcow2", ImageFormat.Qcow2)]
    [DataRow("qcow2", null)]
    [DataRow("text", ImageFormat.Raw)]
    [DataRow("text", null)]
    public void Check_DeclaredFormatMatches_Accepted(string kind, ImageFormat? declared) =>
        ImageFileCheck.Check(Make(kind), declared);

    [TestMethod]
    public void Check_Missing_FileNotFound() =>
        Assert.ThrowsExactly<FileNotFoundException>(() => ImageFileCheck.Check(Path.Combine(_dir, "nope.qcow2"), ImageFormat.Qcow2));

    private string Make(string kind)
    {
        var path = Path.Combine(_dir, kind);
        switch (kind)
        {
            case "directory":
                Directory.CreateDirectory(path);
                break;
            case "empty":
                File.WriteAllBytes(path, []);
                break;
            case "text":
                File.WriteAllText(path, "root:$y$j9T$secret:19000:0:99999:7:::\n");
                break;
            case "qcow2":
                File.WriteAllBytes(path, Qcow2HeaderBytes.Create(1 << 20));
                break;
            default:
                File.WriteAllBytes(path, Qcow2HeaderBytes.Create(0));
                break;
        }

        return path;
    }
}
