using System.Text;
using VmMiddleware.Factory.Contracts.Client;

namespace VmMiddleware.Factory.Tests.Contracts.Client;

[TestClass]
public sealed class RemoteRequestFilesTests
{
    [TestMethod]
    public void Collect_CopyScriptAndPackageDirectory_EveryNamedFileByItsRelativePathOnce()
    {
        var directory = Directory.CreateTempSubdirectory("request-files-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(directory, "data"));
            Directory.CreateDirectory(Path.Combine(directory, "debs", "sub"));
            File.WriteAllText(Path.Combine(directory, "data", "note.txt"), "note");
            File.WriteAllText(Path.Combine(directory, "setup.sh"), "#!/bin/sh\n");
            File.WriteAllText(Path.Combine(directory, "debs", "a.deb"), "a");
            File.WriteAllText(Path.Combine(directory, "debs", "sub", "b.deb"), "b");
            File.WriteAllText(Path.Combine(directory, "unnamed.txt"), "not shipped");
            var config = Path.Combine(directory, "x.vmconfig.xml");
            File.WriteAllText(config, """
                <vmconfig xmlns="urn:vmmiddleware:vmconfig:1">
                  <copy id="a" source="data/note.txt" target="/etc/note"/>
                  <copy id="b" source="./data/note.txt" target="/etc/again"/>
                  <script id="c" source="setup.sh"/>
                  <packages id="d" directory="debs"/>
                </vmconfig>
                """);

            var files = RemoteRequestFiles.Collect(config);

            CollectionAssert.AreEqual(new[] { "data/note.txt", "debs/a.deb", "debs/sub/b.deb", "setup.sh" }, files.Select(f => f.Path).ToArray());
            Assert.AreEqual("note", Encoding.UTF8.GetString(files[0].Content));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
