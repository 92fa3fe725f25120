using Microsoft.Extensions.Time.Testing;
using VmMiddleware.Remote.Catalogue;
using VmMiddleware.Remote.Gateways;
using VmMiddleware.Remote.Jobs;
using VmMiddleware.Remote.Transfer;

namespace VmMiddleware.Remote.Tests.Jobs;

[TestClass]
public sealed class JobSubmitterTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 8, 3, 0, 0, TimeSpan.Zero);
    private readonly string root = Directory.CreateTempSubdirectory("vmgrid-submitter-").FullName;

    private string CataloguePath => Path.Combine(root, "jobs.db");

    [TestMethod]
    public void CreateLocal_NewDirectory_WritesTheTicketAndRecordsTheJob()
    {
        var directory = Path.Combine(root, "hello-local");
        var submitter = new JobSubmitter(CataloguePath, new FakeProcessRunner((_, _) => (0, "", "")), new FakeTimeProvider(Now));

        var ticket = submitter.CreateLocal(directory, "hello", 4242);

        Assert.AreEqual("local-4242-hello-local", ticket.Id);
        Assert.AreEqual(ticket, JobDirectory.ReadTicket(directory));
        using var catalogue = JobCatalogue.Open(CataloguePath);
        var entry = catalogue.Find(ticket.Id)!;
        Assert.AreEqual(directory, entry.LocalDirectory);
        Assert.AreEqual(Now, entry.Submitted);
        Assert.AreEqual("local", entry.Target);
    }

    [TestMethod]
    public void CreateLocal_DirectoryNotEmpty_ThrowsOneLineAndRecordsNothing()
    {
        var directory = Directory.CreateDirectory(Path.Combine(root, "used")).FullName;
        File.WriteAllText(Path.Combine(directory, "x"), "x");
        var submitter = new JobSubmitter(CataloguePath, new FakeProcessRunner((_, _) => (0, "", "")), new FakeTimeProvider(Now));

        var e = Assert.ThrowsExactly<RemoteException>(() => submitter.CreateLocal(directory, "hello", 1));

        Assert.AreEqual($"{directory} already exists and is not empty; expected a new job directory", e.Message);
        using var catalogue = JobCatalogue.Open(CataloguePath);
        Assert.AreEqual(0, catalogue.List().Count);
    }

    [TestMethod]
    public async Task StartAsync_Condor_RecordsTheJobWithItsHtcondorId()
    {
        var directory = Directory.CreateDirectory(Path.Combine(root, "hello-condor")).FullName;
        var runner = new FakeProcessRunner((_, _) => (0, "Submitting job(s).\n1 job(s) submitted to cluster 17.\n", ""));
        var submitter = new JobSubmitter(CataloguePath, runner, new FakeTimeProvider(Now));

        var ticket = await submitter.StartAsync(directory, new JobTicket("hello-1", "hello", "condor", Now), ["vmgrid"], CancellationToken.None);

        Assert.AreEqual("17.0", ticket.CondorJob);
        Assert.AreEqual("17.0", JobSubmitter.Handle(ticket));
        using var catalogue = JobCatalogue.Open(CataloguePath);
        Assert.AreEqual("17.0", catalogue.Find("hello-1")!.Handle);
        Assert.AreEqual("17.0", JobDirectory.ReadTicket(directory).CondorJob);
    }

    [TestMethod]
    public void RecordGateway_Submission_KeepsTheGatewayAndHowItWasReached()
    {
        var submitter = new JobSubmitter(CataloguePath, new FakeProcessRunner((_, _) => (0, "", "")), new FakeTimeProvider(Now));
        var gateway = new GatewayOptions { Address = GatewayAddress.Parse("alice@gw:2222", "bob"), IdentityFiles = ["/k/id"], HostKeyFingerprint = "SHA256:x" };
        var ticket = new JobTicket("alice@gw:2222/hello-1", "hello", "rsl", Now) { GramJob = "https://gw:2119/1/2/" };
        var submission = new GatewaySubmission(ticket.Id, "/home/alice/jobs/hello-1", "/home/alice/jobs/hello-1/vmgrid", ticket, new UploadReport(1, 2, 2, 0, 0));

        submitter.RecordGateway(submission, "hello", "rsl", Path.Combine(root, "hello-rsl"), gateway);

        using var catalogue = JobCatalogue.Open(CataloguePath);
        var entry = catalogue.Find("hello-1")!;
        Assert.AreEqual("alice@gw:2222", entry.Gateway);
        Assert.AreEqual("/home/alice/jobs/hello-1/vmgrid", entry.RemoteVmgrid);
        Assert.AreEqual("https://gw:2119/1/2/", entry.Handle);
        Assert.AreEqual("SHA256:x", entry.Trust!.HostKeyFingerprint);
        CollectionAssert.AreEqual(new[] { "/k/id" }, entry.Trust.IdentityFiles.ToArray());
    }

    public void Dispose() => Directory.Delete(root, recursive: true);
}
