namespace VmMiddleware.Integration.Tests.Images;

/// <summary>vmgrid build of the tools example SIGKILLed before and while its builder saves a boot checkpoint: no QEMU is left, and the rebuild succeeds.</summary>
[TestClass]
[TestCategory("Integration")]
public sealed class VmBuildKillTests
{
    [TestMethod]
    [DataRow("")] // 2 s after the start, as in the report: the accelerator choice and the first boot
    [DataRow("booting once to save one")]
    [DataRow("booted")]
    public async Task Build_SigkillEarly_NoQemuLeftAndRebuildSucceeds(string moment)
    {
        var (store, dags) = await VmFactory.NewStoreAsync("buildkill");
        var config = Path.Combine(dags, "tools.vmconfig.xml");
        File.Copy(Path.Combine(QemuEnvironment.Examples, "tools.vmconfig.xml"), config);
        var cache = QemuEnvironment.NewWorkDirectory("buildkill-cache");
        var environment = new Dictionary<string, string> { ["VMMIDDLEWARE_CACHE"] = cache };
        var (process, stderr) = QemuEnvironment.StartCli(environment, "build", config, "--store", store);
        using (process)
        {
            if (moment.Length == 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(2));
            }
            else
            {
                QemuEnvironment.WaitForLine(stderr, moment, TimeSpan.FromMinutes(3));
            }

            process.Kill();
            await process.WaitForExitAsync();
        }

        CollectionAssert.AreEqual(new List<int>(), QemuEnvironment.WaitForNoQemu(cache, TimeSpan.FromSeconds(5)), "a QEMU of the killed build outlived it");
        CollectionAssert.AreEqual(new List<int>(), QemuEnvironment.WaitForNoQemu(store, TimeSpan.FromSeconds(1)), "a builder QEMU outlived the killed build");

        var (rebuild, rebuildErr) = QemuEnvironment.StartCli(environment, "build", config, "--store", store);
        using (rebuild)
        {
            Assert.IsTrue(rebuild.WaitForExit(TimeSpan.FromMinutes(15)), "the rebuild did not finish");
            Assert.AreEqual(0, rebuild.ExitCode, string.Join('\n', rebuildErr));
        }

        var checkpoints = Path.Combine(cache, "boot-checkpoints");
        Assert.IsFalse(Directory.Exists(checkpoints) && Directory.GetDirectories(checkpoints, "*.tmp-*").Length > 0, "a killed save left its temporary behind");
        await VmFactory.AssertConsistentAsync(store);
        Directory.Delete(cache, recursive: true);
    }
}
