namespace VmMiddleware.Store.Tests.Sessions;

[TestClass]
public sealed class StoreSessionTests
{
    [TestMethod]
    public async Task Dispose_RemovesTemporariesScratchAndLock()
    {
        using var f = new StoreFixture();
        var store = await f.OpenNamedAsync();
        var session = store.BeginSession();
        File.WriteAllText(session.TemporaryPath(0, ".qcow2"), "a");
        File.WriteAllText(session.TemporaryPath(1, ".qcow2"), "b");
        File.WriteAllText(Path.Combine(session.ScratchDirectory(), "console.log"), "c");

        session.Dispose();

        Assert.IsEmpty(Directory.GetFiles(store.ObjectsDirectory));
        Assert.IsEmpty(Directory.GetDirectories(store.WorkDirectory));
        Assert.IsEmpty(Directory.GetFiles(store.LocksDirectory, "session-*"));
    }

    [TestMethod]
    public async Task TemporaryPath_NamesSessionAndNumber()
    {
        using var f = new StoreFixture();
        var store = await f.OpenContentAsync();
        using var session = store.BeginSession();

        Assert.AreEqual(Path.Combine(store.TemporariesDirectory, $".tmp-{session.Id}-3.qcow2"), session.TemporaryPath(3, ".qcow2"));
        Assert.AreEqual(12, session.Id.Length);
    }
}
