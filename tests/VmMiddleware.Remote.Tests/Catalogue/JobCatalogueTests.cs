using VmMiddleware.Remote.Catalogue;
using VmMiddleware.Remote.Jobs;

namespace VmMiddleware.Remote.Tests.Catalogue;

[TestClass]
public sealed class JobCatalogueTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("vmgrid-catalogue-").FullName;

    [TestMethod]
    public void Put_ThenReopen_ListsTheJobsWithTheirStatus()
    {
        var path = Path.Combine(directory, "sub", "jobs.db");
        using (var catalogue = JobCatalogue.Open(path))
        {
            catalogue.Put(new CatalogueEntry("alice@gw:22/hello-1", "hello", "local", "/home/a/hello-local", DateTimeOffset.UnixEpoch)
            {
                Gateway = "alice@gw:22",
                RemoteDirectory = "/home/alice/.cache/vmmiddleware/gateway/jobs/hello-1",
                Trust = new GatewayTrust(["/k/id"], null, "SHA256:x"),
            });
            catalogue.Put(new CatalogueEntry("fail-2", "fail", "rsl", "/home/a/fail-rsl", DateTimeOffset.UnixEpoch.AddSeconds(1)) { Handle = "https://h:1/2/3/" });
            catalogue.Update("fail-2", new JobStatus(JobState.Failed, 3, "the command exited 3", "GRAM DONE"), DateTimeOffset.UnixEpoch);
        }

        using var reopened = JobCatalogue.Open(path);
        var jobs = reopened.List();

        CollectionAssert.AreEqual(new[] { "alice@gw:22/hello-1", "fail-2" }, jobs.Select(j => j.Id).ToArray());
        Assert.AreEqual(new GatewayTrust(["/k/id"], null, "SHA256:x").HostKeyFingerprint, jobs[0].Trust!.HostKeyFingerprint);
        CollectionAssert.AreEqual(new[] { "/k/id" }, jobs[0].Trust!.IdentityFiles.ToArray());
        Assert.IsNull(jobs[0].LastStatus);
        Assert.AreEqual(new JobStatus(JobState.Failed, 3, "the command exited 3", "GRAM DONE"), jobs[1].LastStatus);
    }

    [TestMethod]
    public void Find_ByIdHandleOrNameAfterTheGateway()
    {
        using var catalogue = JobCatalogue.Open(Path.Combine(directory, "jobs.db"));
        catalogue.Put(new CatalogueEntry("alice@gw:22/hello-1", "hello", "local", "/d", DateTimeOffset.UnixEpoch));
        catalogue.Put(new CatalogueEntry("fail-2", "fail", "rsl", "/e", DateTimeOffset.UnixEpoch) { Handle = "https://h:1/2/3/" });

        Assert.AreEqual("alice@gw:22/hello-1", catalogue.Find("hello-1")?.Id);
        Assert.AreEqual("alice@gw:22/hello-1", catalogue.Find("alice@gw:22/hello-1")?.Id);
        Assert.AreEqual("fail-2", catalogue.Find("https://h:1/2/3/")?.Id);
        Assert.IsNull(catalogue.Find("nothing"));
    }

    [TestMethod]
    public void Open_NotADatabase_IsOneClearError()
    {
        var path = Path.Combine(directory, "garbage.db");
        File.WriteAllText(path, new string('x', 4096));

        var error = Assert.ThrowsExactly<RemoteException>(() => JobCatalogue.Open(path).Dispose());

        StringAssert.Contains(error.Message, "cannot open the job catalogue");
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
