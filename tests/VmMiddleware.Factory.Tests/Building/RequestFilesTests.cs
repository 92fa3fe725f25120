using VmMiddleware.Factory.Building;

namespace VmMiddleware.Factory.Tests.Building;

[TestClass]
public sealed class RequestFilesTests
{
    [TestMethod]
    [DataRow("data/readings.txt")]
    [DataRow("packages/vmgrid-hello_1.0_all.deb")]
    public void Refuse_PlainRelativePath_Accepted(string path) => Assert.IsNull(RequestFiles.Refuse(path));

    [TestMethod]
    [DataRow("/etc/passwd", "is absolute")]
    [DataRow("../x", "'..'")]
    [DataRow("a/../../x", "'..'")]
    [DataRow("a//b", "empty")]
    [DataRow("a\\b", "backslash")]
    [DataRow("vmconfig.xml", "reserved")]
    [DataRow("", "empty")]
    public void Refuse_Hostile_Reason(string path, string reason) => StringAssert.Contains(RequestFiles.Refuse(path), reason);

    [TestMethod]
    public void RemoveAllBut_FinishedUnknownAndActive_KeepsOnlyActiveAndStaging()
    {
        var requests = Directory.CreateTempSubdirectory("factory-requests-").FullName;
        try
        {
            var active = RequestFiles.Commit(RequestFiles.Stage(requests, "<vmconfig/>", []), requests, new string('a', 32));
            var finished = RequestFiles.Commit(RequestFiles.Stage(requests, "<vmconfig/>", [new() { Path = "data/x.txt", Content = [1, 2] }]), requests, new string('b', 32));
            var orphan = Directory.CreateDirectory(Path.Combine(requests, new string('c', 32))).FullName;
            var staging = RequestFiles.Stage(requests, "<vmconfig/>", []);

            RequestFiles.RemoveAllBut(requests, new HashSet<string>(StringComparer.Ordinal) { Path.GetFileName(active) });

            Assert.IsTrue(File.Exists(Path.Combine(active, RequestFiles.ConfigurationName)), "a queued or running ticket keeps its files");
            Assert.IsFalse(Directory.Exists(finished));
            Assert.IsFalse(Directory.Exists(orphan));
            Assert.IsTrue(Directory.Exists(staging), "a submission being staged is left alone");
        }
        finally
        {
            Directory.Delete(requests, recursive: true);
        }
    }

    [TestMethod]
    public void Remove_ThenAgain_RemovesOnceNoErrorWhenGone()
    {
        var requests = Directory.CreateTempSubdirectory("factory-requests-").FullName;
        try
        {
            var directory = RequestFiles.Commit(RequestFiles.Stage(requests, "<vmconfig/>", [new() { Path = "a/b/c.txt", Content = [7] }]), requests, new string('d', 32));

            RequestFiles.Remove(directory);
            RequestFiles.Remove(directory);

            Assert.IsFalse(Directory.Exists(directory));
            Assert.IsEmpty(Directory.GetFileSystemEntries(requests));
        }
        finally
        {
            Directory.Delete(requests, recursive: true);
        }
    }
}
