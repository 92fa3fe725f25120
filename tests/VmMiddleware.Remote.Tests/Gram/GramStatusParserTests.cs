using VmMiddleware.Remote.Gram;

namespace VmMiddleware.Remote.Tests.Gram;

[TestClass]
public sealed class GramStatusParserTests
{
    [TestMethod]
    [DataRow("PENDING\n", "PENDING", null)]
    [DataRow("ACTIVE\n", "ACTIVE", null)]
    [DataRow("DONE\nexit code: 3\n", "DONE", 3)]
    [DataRow("DONE\n", "DONE", null)]
    [DataRow("STAGE_OUT\n", "STAGE_OUT", null)]
    [DataRow("FAILED\n", "FAILED", null)]
    public void Parse_GlobusrunStatusOutput_GivesStateAndExitCode(string stdout, string state, int? exitCode) =>
        Assert.AreEqual((state, exitCode), GramStatusParser.Parse(stdout));

    [TestMethod]
    [DataRow("ERROR\n")]
    [DataRow("")]
    [DataRow("UNKNOWN JOB STATE 99\n")]
    public void Parse_NoState_IsNull(string stdout) => Assert.IsNull(GramStatusParser.Parse(stdout));

    [TestMethod]
    public void Contact_BatchOutput_IsTheJobContact() =>
        Assert.AreEqual(
            "https://localhost:40001/16361111/1700000000/",
            GramStatusParser.Contact("globus_gram_client_callback_allow successful\nhttps://localhost:40001/16361111/1700000000/\n"));

    [TestMethod]
    public async Task SubmitAsync_BatchMode_RunsGlobusrunDashBAndReturnsTheContact()
    {
        var runner = new FakeProcessRunner((_, _) => (0, "https://h:1/2/3/\n", ""));

        var contact = await new GramClient(runner).SubmitAsync("localhost:2119:/O=x", "/jobs/a/job.rsl", CancellationToken.None);

        Assert.AreEqual("https://h:1/2/3/", contact);
        CollectionAssert.AreEqual(new[] { "globusrun -b -r localhost:2119:/O=x -f /jobs/a/job.rsl" }, runner.Calls);
    }

    [TestMethod]
    public async Task SubmitAsync_Refused_ThrowsWithGlobusrunsLastLine()
    {
        var runner = new FakeProcessRunner((_, _) => (7, "", "GRAM Job submission failed because authentication failed (error code 7)\n"));

        var error = await Assert.ThrowsExactlyAsync<RemoteException>(() => new GramClient(runner).SubmitAsync("gk", "job.rsl", CancellationToken.None));

        StringAssert.Contains(error.Message, "authentication failed (error code 7)");
    }
}
