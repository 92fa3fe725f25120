using Microsoft.Extensions.Time.Testing;
using VmMiddleware.Host.Progress;

namespace VmMiddleware.Host.Tests.Progress;

[TestClass]
public sealed class TransferProgressTests
{
    [TestMethod]
    public void ToString_HalfwayAfterTwoSeconds_GivesRateAndTimeLeft()
    {
        var time = new FakeTimeProvider();
        var progress = new TransferProgress("upload", 40L << 20, 0, time);
        time.Advance(TimeSpan.FromSeconds(2));
        progress.Add(20L << 20);

        Assert.AreEqual(10 * 1048576.0, progress.BytesPerSecond);
        Assert.AreEqual(TimeSpan.FromSeconds(2), progress.Remaining);
        Assert.AreEqual("upload: 20.0 of 40.0 MiB (50%), 10.0 MiB/s, 2 s left", progress.ToString());
    }

    [TestMethod]
    public void BytesPerSecond_ResumedBytes_DoNotCountTowardsTheRate()
    {
        var time = new FakeTimeProvider();
        var progress = new TransferProgress("fetch", 100, 60, time);
        time.Advance(TimeSpan.FromSeconds(1));
        progress.Add(10);

        Assert.AreEqual(10, progress.BytesPerSecond);
        Assert.AreEqual(70, progress.DoneBytes);
        Assert.AreEqual(TimeSpan.FromSeconds(3), progress.Remaining);
    }

    [TestMethod]
    public void Remaining_BeforeAnyTime_IsUnknown()
    {
        var progress = new TransferProgress("upload", 100, 0, new FakeTimeProvider());

        Assert.IsNull(progress.Remaining);
        Assert.AreEqual("upload: 0.0 of 0.0 MiB (0%), 0.0 MiB/s", progress.ToString());
    }
}
