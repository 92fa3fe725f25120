using VmMiddleware.Images.Building;
using VmMiddleware.Host.Processes;

namespace VmMiddleware.Integration.Tests.Images;

/// <summary>The whole factory flow on the host: the example DAG's actions run by the guest's action runner in a chroot of the reference base (root only).</summary>
[TestClass]
[TestCategory("Integration")]
public sealed class ChrootExecutorTests
{
    [TestMethod]
    public async Task Build_ToolsExample_ActionsAppliedToRealDebian()
    {
        FactoryStore.RequireRoot();
        foreach (var tool in new[] { "mmdebstrap", "mke2fs", "debugfs", "qemu-img", "losetup", "qemu-storage-daemon", "chroot" })
        {
            RequiredTool.Find(tool);
        }

        var scratch = Directory.CreateTempSubdirectory("vmgrid-chroot-it-").FullName;
        try
        {
            var options = new BuildOptions(new ChrootActionExecutor(ProcessRunner.Default, QemuEnvironment.QemuImg, TimeProvider.System));
            var config = Path.Combine(FactoryStore.ExamplesDirectory, "tools.vmconfig.xml");
            var result = await FactoryStore.ExclusiveAsync(async () => await (await FactoryStore.FactoryAsync()).BuildAsync(config, options));

            StringAssert.Contains(await FactoryStore.DebugFsAsync(result.ImageId, "cat /etc/vmgrid-stamp", scratch), "sum=6\nbuilt by the VmMiddleware image factory");
            StringAssert.Contains(await FactoryStore.DebugFsAsync(result.ImageId, "cat /opt/data/readings.txt", scratch), "gamma 3");
            StringAssert.Contains(await FactoryStore.DebugFsAsync(result.ImageId, "cat /etc/passwd", scratch), "alice:x:2001:2001::/home/alice:/bin/sh");
            StringAssert.Contains(await FactoryStore.DebugFsAsync(result.ImageId, "cat /usr/local/bin/vmgrid-hello", scratch), "hello from vmgrid-hello 1.0");
            StringAssert.Contains(await FactoryStore.DebugFsAsync(result.ImageId, "cat /var/lib/dpkg/status", scratch), "Package: vmgrid-hello\nStatus: install ok installed");

            var again = await FactoryStore.ExclusiveAsync(async () => await (await FactoryStore.FactoryAsync()).BuildAsync(config, options));

            Assert.IsTrue(again.ExactHit);
            Assert.AreEqual(result.ImageId, again.ImageId);
            Assert.IsLessThan(1000, again.Duration.TotalMilliseconds);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
