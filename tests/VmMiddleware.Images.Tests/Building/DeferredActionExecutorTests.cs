using VmMiddleware.Images.Building;

namespace VmMiddleware.Images.Tests.Building;

[TestClass]
public sealed class DeferredActionExecutorTests
{
    [TestMethod]
    public async Task ExecuteAsync_CalledTwice_CreatesOnceAndDelegates()
    {
        var created = 0;
        var inner = new FakeExecutor();
        var deferred = new DeferredActionExecutor(() =>
        {
            created++;
            return inner;
        });
        var request = new ExecutionRequest("start.qcow2", 1, null, Path.GetTempPath(), [], Path.GetTempPath());

        Assert.IsFalse(deferred.Created);
        await deferred.ExecuteAsync(request, new Progress<BuildProgress>(), CancellationToken.None);
        await deferred.ExecuteAsync(request, new Progress<BuildProgress>(), CancellationToken.None);

        Assert.AreEqual(1, created);
        Assert.AreEqual(2, inner.Runs);
    }
}
