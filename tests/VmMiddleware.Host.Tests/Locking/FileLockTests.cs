using System.Diagnostics;
using VmMiddleware.Host.Locking;

namespace VmMiddleware.Host.Tests.Locking;

[TestClass]
public sealed class FileLockTests
{
    [TestMethod]
    public void TryAcquire_SecondHandleWhileExclusiveHeld_ReturnsNull()
    {
        using var dir = new TempDirectory();
        using var first = FileLock.TryAcquire(dir.File("a.lock"));
        Assert.IsNotNull(first);
        Assert.IsNull(FileLock.TryAcquire(dir.File("a.lock")));
        Assert.IsNull(FileLock.TryAcquire(dir.File("a.lock"), exclusive: false));
    }

    [TestMethod]
    public void TryAcquire_AfterRelease_Succeeds()
    {
        using var dir = new TempDirectory();
        FileLock.TryAcquire(dir.File("a.lock"))!.Dispose();
        using var again = FileLock.TryAcquire(dir.File("a.lock"));
        Assert.IsNotNull(again);
        Assert.IsTrue(File.Exists(dir.File("a.lock")), "the lock file stays after release");
    }

    [TestMethod]
    public void TryAcquire_TwoSharedHandles_BothHeldAndExclusiveBusy()
    {
        using var dir = new TempDirectory();
        using var one = FileLock.TryAcquire(dir.File("s.lock"), exclusive: false);
        using var two = FileLock.TryAcquire(dir.File("s.lock"), exclusive: false);
        Assert.IsNotNull(one);
        Assert.IsNotNull(two);
        Assert.IsFalse(one.Exclusive);
        Assert.IsNull(FileLock.TryAcquire(dir.File("s.lock")));
    }

    [TestMethod]
    public void TryAcquire_MissingDirectory_ThrowsInsteadOfBusy()
    {
        using var dir = new TempDirectory();
        Assert.ThrowsExactly<DirectoryNotFoundException>(() => FileLock.TryAcquire(dir.File("absent/a.lock")));
    }

    [TestMethod]
    public async Task AcquireAsync_MissingDirectory_ThrowsInsteadOfWaiting()
    {
        using var dir = new TempDirectory();
        await Assert.ThrowsExactlyAsync<DirectoryNotFoundException>(() => FileLock.AcquireAsync(dir.File("absent/a.lock"), new FileLockOptions()));
    }

    [TestMethod]
    public async Task AcquireAsync_BusyUntilReleased_WaitsThenHolds()
    {
        using var dir = new TempDirectory();
        var held = FileLock.TryAcquire(dir.File("a.lock"))!;
        var waits = 0;
        // The holder lets go only once the waiter has found the lock busy, so the wait is real and the order fixed.
        var options = new FileLockOptions { OnWait = () => { waits++; held.Dispose(); } };
        using var taken = await FileLock.AcquireAsync(dir.File("a.lock"), options);
        Assert.AreEqual(1, waits);
        Assert.IsTrue(taken.Exclusive);
    }

    [TestMethod]
    public void Acquire_BusyUntilReleased_WaitsThenHolds()
    {
        using var dir = new TempDirectory();
        var held = FileLock.TryAcquire(dir.File("a.lock"))!;
        var options = new FileLockOptions { OnWait = held.Dispose };
        using var taken = FileLock.Acquire(dir.File("a.lock"), options);
        Assert.AreEqual(dir.File("a.lock"), taken.Path);
    }

    [TestMethod]
    public void Acquire_BusyPastTimeout_ThrowsTimeoutNamingFile()
    {
        using var dir = new TempDirectory();
        using var held = FileLock.TryAcquire(dir.File("a.lock"));
        var e = Assert.ThrowsExactly<TimeoutException>(() => FileLock.Acquire(dir.File("a.lock"), new FileLockOptions { Timeout = TimeSpan.Zero }));
        StringAssert.StartsWith(e.Message, dir.File("a.lock") + ": lock still held");
    }

    [TestMethod]
    public async Task AcquireAsync_BusyPastTimeout_ThrowsTimeout()
    {
        using var dir = new TempDirectory();
        using var held = FileLock.TryAcquire(dir.File("a.lock"));
        await Assert.ThrowsExactlyAsync<TimeoutException>(() => FileLock.AcquireAsync(dir.File("a.lock"), new FileLockOptions { Timeout = TimeSpan.Zero }));
    }

    [TestMethod]
    public async Task AcquireAsync_CancelledWhileBusy_ThrowsCancelled()
    {
        using var dir = new TempDirectory();
        using var held = FileLock.TryAcquire(dir.File("a.lock"));
        using var cancel = new CancellationTokenSource();
        var options = new FileLockOptions { OnWait = cancel.Cancel };
        await Assert.ThrowsAsync<OperationCanceledException>(() => FileLock.AcquireAsync(dir.File("a.lock"), options, cancel.Token));
    }

    [TestMethod]
    public void Acquire_CancelledWhileBusy_ThrowsCancelled()
    {
        using var dir = new TempDirectory();
        using var held = FileLock.TryAcquire(dir.File("a.lock"));
        using var cancel = new CancellationTokenSource();
        var options = new FileLockOptions { OnWait = cancel.Cancel };
        Assert.ThrowsExactly<OperationCanceledException>(() => FileLock.Acquire(dir.File("a.lock"), options, cancel.Token));
    }

    [TestMethod]
    public void TryAcquire_HeldHere_OtherProcessFlockIsRefusedUntilReleased()
    {
        using var dir = new TempDirectory();
        var path = dir.File("p.lock");
        var held = FileLock.TryAcquire(path)!;
        Assert.AreEqual(1, Flock("-n", "-x", path), "flock(1) in another process must find the lock busy");
        held.Dispose();
        Assert.AreEqual(0, Flock("-n", "-x", path), "flock(1) takes the lock once released");
    }

    [TestMethod]
    public void TryAcquire_HeldByOtherProcess_ReturnsNullThenSucceedsAfterItExits()
    {
        using var dir = new TempDirectory();
        var path = dir.File("p.lock");
        var ready = dir.File("ready");
        // The other process takes the lock, says so by creating a file, and holds it until its stdin closes.
        using var other = Process.Start(new ProcessStartInfo("flock", ["-x", path, "sh", "-c", $"touch '{ready}'; cat >/dev/null"]) { RedirectStandardInput = true })!;
        while (!File.Exists(ready) && !other.HasExited)
        {
            Thread.Sleep(10);
        }

        Assert.IsFalse(other.HasExited, "flock(1) exited early");
        Assert.IsNull(FileLock.TryAcquire(path));
        Assert.IsNull(FileLock.TryAcquire(path, exclusive: false));
        other.StandardInput.Close();
        other.WaitForExit();
        using var taken = FileLock.TryAcquire(path);
        Assert.IsNotNull(taken);
    }

    private static int Flock(params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo("flock", [.. arguments, "true"]))!;
        process.WaitForExit();
        return process.ExitCode;
    }
}
