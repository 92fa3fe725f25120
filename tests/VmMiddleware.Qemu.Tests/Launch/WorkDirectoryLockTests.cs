using System.Diagnostics;
using VmMiddleware.Qemu.Launch;
using VmMiddleware.Host.Processes;

namespace VmMiddleware.Qemu.Tests.Launch;

[TestClass]
public sealed class WorkDirectoryLockTests
{
    private string _work = null!;

    [TestInitialize]
    public void Setup() => _work = Directory.CreateTempSubdirectory("vmgrid-lock-").FullName;

    [TestCleanup]
    public void Cleanup() => Directory.Delete(_work, recursive: true);

    [TestMethod]
    public void Acquire_StaleLockWithLiveQemu_KillsItAndReports()
    {
        // Stands in for a QEMU whose launcher died: its command line names an emulator (a trailing command keeps dash from exec-ing sleep).
        using var orphan = Process.Start(new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", "sleep 600; exit 0", "qemu-system-x86_64" } })!;
        var identity = ProcessIdentity.Of(orphan.Id)!;
        File.WriteAllText(Path.Combine(_work, WorkDirectoryLock.FileName), $"launcher 999999 1\nqemu {identity.Pid} {identity.StartTicks}\n");
        var reports = new List<string>();

        using (WorkDirectoryLock.Acquire(_work, reports.Add))
        {
            Assert.IsTrue(orphan.WaitForExit(5000));
        }

        Assert.HasCount(1, reports);
        StringAssert.Contains(reports[0], $"pid {identity.Pid}");
        Assert.IsFalse(File.Exists(Path.Combine(_work, WorkDirectoryLock.FileName)));
    }

    [TestMethod]
    public void Acquire_StaleLockNamingUnrelatedProcess_LeavesItAlone()
    {
        using var bystander = Process.Start(new ProcessStartInfo("/bin/sleep") { ArgumentList = { "600" } })!;
        try
        {
            var identity = ProcessIdentity.Of(bystander.Id)!;
            File.WriteAllText(Path.Combine(_work, WorkDirectoryLock.FileName), $"qemu {identity.Pid} {identity.StartTicks}\n");

            using (WorkDirectoryLock.Acquire(_work, _ => { }))
            {
                Assert.IsTrue(identity.IsAlive());
            }
        }
        finally
        {
            bystander.Kill();
        }
    }

    [TestMethod]
    public void Acquire_HeldByLiveLauncher_Throws()
    {
        using var first = WorkDirectoryLock.Acquire(_work, _ => { });

        Assert.ThrowsExactly<IOException>(() => WorkDirectoryLock.Acquire(_work, _ => { }));
    }
}
