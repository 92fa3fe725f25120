using VmMiddleware.Remote.Catalogue;
using VmMiddleware.Remote.Gateways;
using VmMiddleware.Remote.Jobs;

namespace VmMiddleware.Remote.Tests.Jobs;

[TestClass]
public sealed class JobLocationTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("vmgrid-location-").FullName;

    private string CataloguePath => Path.Combine(root, "jobs.db");

    [TestMethod]
    public void Resolve_CataloguedLocalJob_IsHereWithItsEntry()
    {
        using var catalogue = JobCatalogue.Open(CataloguePath);
        catalogue.Put(new CatalogueEntry("local-1-hello", "hello", "local", "/jobs/hello-local", DateTimeOffset.UnixEpoch));

        var location = JobLocation.Resolve(catalogue, "local-1-hello", Options(null));

        Assert.AreEqual("/jobs/hello-local", location.LocalDirectory);
        Assert.IsNull(location.Gateway);
        Assert.AreEqual("local-1-hello", location.Entry!.Id);
    }

    [TestMethod]
    public void Resolve_CataloguedGatewayJob_ReachesItWithTheTrustItWasSubmittedWith()
    {
        using var catalogue = JobCatalogue.Open(CataloguePath);
        catalogue.Put(new CatalogueEntry("alice@gw:22/hello-1", "hello", "local", "/jobs/hello", DateTimeOffset.UnixEpoch)
        {
            Gateway = "alice@gw:22",
            RemoteDirectory = "/r/jobs/hello-1",
            Trust = new GatewayTrust([], null, "SHA256:pinned"),
        });

        var location = JobLocation.Resolve(catalogue, "alice@gw:22/hello-1", Options(null));

        Assert.AreEqual("SHA256:pinned", location.Gateway!.HostKeyFingerprint);
        Assert.AreEqual("/r/jobs/hello-1", location.RemoteDirectory);
    }

    [TestMethod]
    public void Resolve_NamedGateway_IdNamesTheGatewayAndFetchesIntoTheCurrentDirectory()
    {
        using var catalogue = JobCatalogue.Open(CataloguePath);

        var location = JobLocation.Resolve(catalogue, "hello-9", Options("alice@gw"));

        Assert.AreEqual("alice@gw:22/hello-9", location.Id);
        Assert.AreEqual(Path.Combine(root, "hello-9"), location.LocalDirectory);
        Assert.IsNull(location.Entry);
    }

    [TestMethod]
    public void Resolve_JobDirectory_ReadsItsTicket()
    {
        using var catalogue = JobCatalogue.Open(CataloguePath);
        var directory = Directory.CreateDirectory(Path.Combine(root, "hello-local")).FullName;
        JobDirectory.WriteTicket(directory, new JobTicket("local-7-hello", "hello", "local", DateTimeOffset.UnixEpoch));

        var location = JobLocation.Resolve(catalogue, directory, Options(null));

        Assert.AreEqual("local-7-hello", location.Id);
        Assert.AreEqual(directory, location.LocalDirectory);
    }

    [TestMethod]
    public void Resolve_Unknown_ThrowsOneLineNamingTheCatalogue()
    {
        using var catalogue = JobCatalogue.Open(CataloguePath);

        var e = Assert.ThrowsExactly<RemoteException>(() => JobLocation.Resolve(catalogue, "nope", Options(null)));

        Assert.AreEqual($"no job 'nope' in the catalogue ({CataloguePath}); give the job's id, its directory, or --gateway for a job submitted from elsewhere", e.Message);
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    private JobLocatorOptions Options(string? gateway) => new(
        CataloguePath,
        root,
        gateway,
        (address, trust) => new GatewayOptions { Address = GatewayAddress.Parse(address, "bob"), HostKeyFingerprint = trust?.HostKeyFingerprint });
}
