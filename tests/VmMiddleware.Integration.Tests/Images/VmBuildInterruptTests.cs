using VmMiddleware.Qemu.Launch;

namespace VmMiddleware.Integration.Tests.Images;

/// <summary>vmgrid build of the tools example interrupted (SIGINT) while its builder VM runs: it ends within 5 s, no QEMU is left, and the rebuild succeeds.</summary>
[TestClass]
[TestCategory("Integration")]
public sealed class VmBuildInterruptTests
{
    [TestMethod]
    public async Task Build_SigintWhileBuilderRuns_EndsWithin5SecondsNoQemuAndRebuildSucceeds()
    {
        var (store, dags) = await VmFactory.NewStoreAsync("buildint");
        var config = Path.Combine(dags, "tools.vmconfig.xml");
        File.Copy(Path.Combine(QemuEnvironment.Examples, "tools.vmconfig.xml"), config);
        var cache = QemuEnvironment.NewWorkDirectory("buildint-cache");
        var environment = new Dictionary<string, string> { ["VMMIDDLEWARE_CACHE"] = cache };
        var (process, stderr) = QemuEnvironment.StartCli(environment, "build", config, "--store", store);
        using (process)
        {
            QemuEnvironment.WaitForLine(stderr, "builder VM started", TimeSpan.FromMinutes(3));
            var watch = System.Diagnostics.Stopwatch.StartNew();
            QemuEnvironment.Signal(process.Id, "INT");
            var ended = process.WaitForExit(TimeSpan.FromSeconds(5));
            if (!ended)
            {
                process.Kill();
            }

            Assert.IsTrue(ended, "vmgrid build did not end within 5 s of SIGINT: " + string.Join('\n', stderr));
            await process.WaitForExitAsync();
            Assert.AreEqual(LaunchExitCodes.Killed, process.ExitCode, string.Join('\n', stderr));
            Assert.IsLessThan(5.0, watch.Elapsed.TotalSeconds);
            Assert.IsTrue(stderr.Any(l => l.Contains("build cancelled (SIGINT)", StringComparison.Ordinal)), string.Join('\n', stderr));
            Assert.IsFalse(stderr.Any(l => l.Contains("   at ", StringComparison.Ordinal)), "a stack trace: " + string.Join('\n', stderr));
        }

        CollectionAssert.AreEqual(new List<int>(), QemuEnvironment.WaitForNoQemu(cache, TimeSpan.FromSeconds(1)), "a QEMU of the interrupted build outlived it");
        CollectionAssert.AreEqual(new List<int>(), QemuEnvironment.WaitForNoQemu(store, TimeSpan.FromSeconds(1)), "a builder QEMU outlived the interrupted build");
        await VmFactory.AssertConsistentAsync(store);

        var (rebuild, rebuildErr) = QemuEnvironment.StartCli(environment, "build", config, "--store", store);
        using (rebuild)
        {
            Assert.IsTrue(rebuild.WaitForExit(TimeSpan.FromMinutes(15)), "the rebuild did not finish");
            Assert.AreEqual(0, rebuild.ExitCode, string.Join('\n', rebuildErr));
        }

        await VmFactory.AssertConsistentAsync(store);
        Directory.Delete(cache, recursive: true);
    }
}
