using System.Diagnostics;
using System.Text.Json;
using VmMiddleware.Images.Building;
using VmMiddleware.Images.Store;

namespace VmMiddleware.Integration.Tests.Images;

/// <summary>vmgrid build with the VM executor as real child processes: many at once over overlapping DAGs, and one killed with SIGKILL mid-action.</summary>
[TestClass]
[TestCategory("Integration")]
public sealed class VmBuildProcessTests
{
    [TestMethod]
    public async Task Build_EightProcessesOverlappingDags_EachStateBuiltOnceAllSucceed()
    {
        var (store, dags) = await VmFactory.NewStoreAsync("concurrent");
        var configs = Enumerable.Range(0, 4).Select(i => VmFactory.WriteDag(
            dags,
            "member" + i,
            $"<script id=\"common\">echo common &gt; /etc/vmgrid-common</script><script id=\"member\">echo {i} &gt; /etc/vmgrid-member</script>",
            "<edge from=\"common\" to=\"member\"/>")).ToList();

        // Two processes per DAG, all started at once: 4 distinct DAGs sharing the common action.
        var children = Enumerable.Range(0, 8).Select(n => QemuEnvironment.StartCli("build", configs[n % 4], "--store", store, "--json")).ToList();
        var built = new List<string>();
        var images = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var n = 0; n < children.Count; n++)
        {
            var (process, stderr) = children[n];
            using (process)
            {
                var stdout = await process.StandardOutput.ReadToEndAsync();
                Assert.IsTrue(process.WaitForExit(TimeSpan.FromMinutes(15)), "vmgrid build did not finish");
                Assert.AreEqual(0, process.ExitCode, $"process {n}: " + string.Join('\n', stderr));
                using var json = JsonDocument.Parse(stdout);
                built.AddRange(json.RootElement.GetProperty("statesBuilt").EnumerateArray().Select(e => e.GetString()!));
                var image = json.RootElement.GetProperty("image").GetString()!;
                Assert.AreEqual(images.GetValueOrDefault(configs[n % 4], image), image, "both processes of a DAG get the same image");
                images[configs[n % 4]] = image;
            }
        }

        Assert.HasCount(5, built, "common once plus one state per member: " + string.Join(' ', built));
        Assert.HasCount(5, built.Distinct());
        Assert.HasCount(4, images.Values.Distinct());
        Assert.HasCount(6, (await LayerStore.OpenAsync(store, QemuEnvironment.QemuImg)).List());
        await VmFactory.AssertConsistentAsync(store);
    }

    [TestMethod]
    public async Task Build_KilledWithSigkillMidAction_StoreConsistentNoQemuLeftRebuildSucceeds()
    {
        var (store, dags) = await VmFactory.NewStoreAsync("killed");
        var config = VmFactory.WriteDag(
            dags,
            "slow",
            "<script id=\"fast\">echo fast &gt; /etc/vmgrid-fast</script><script id=\"slow\">sleep 20; echo slow &gt; /etc/vmgrid-slow</script>",
            "<edge from=\"fast\" to=\"slow\"/>");
        var (process, stderr) = QemuEnvironment.StartCli("build", config, "--store", store);
        using (process)
        {
            QemuEnvironment.WaitForLine(stderr, "action 2/2 slow", TimeSpan.FromMinutes(5));
            var qemu = QemuFor(store);
            Assert.IsNotNull(qemu, "the builder VM runs");

            process.Kill();
            await process.WaitForExitAsync();

            var watch = Stopwatch.StartNew();
            while (QemuEnvironment.IsRunning(qemu.Value) && watch.Elapsed < TimeSpan.FromSeconds(20))
            {
                await Task.Delay(100);
            }

            Assert.IsFalse(QemuEnvironment.IsRunning(qemu.Value), "QEMU died with its vmgrid");
        }

        Assert.IsNotEmpty(Directory.GetFiles(Path.Combine(store, "layers"), ".tmp-*"), "the killed build left temporary layers for recovery");
        await VmFactory.AssertConsistentAsync(store);
        Assert.IsEmpty(Directory.GetDirectories(Path.Combine(store, "work")), "recovery removed the dead build's work directory");
        Assert.HasCount(2, (await LayerStore.OpenAsync(store, QemuEnvironment.QemuImg)).List(), "the base and the finished action 'fast'; nothing half-built became a state");

        var counting = new CountingExecutor(VmFactory.Executor());
        var rebuilt = await (await VmFactory.FactoryAsync(store)).BuildAsync(config, new BuildOptions(counting));

        Assert.AreEqual(1, rebuilt.BuiltNodes);
        CollectionAssert.AreEqual(new[] { "slow" }, counting.Ran);
        await VmFactory.AssertConsistentAsync(store);
        var scratch = Directory.CreateTempSubdirectory("vmgrid-killed-it-").FullName;
        try
        {
            var raw = Path.Combine(scratch, "image.raw");
            await new ImageExporter(await LayerStore.OpenAsync(store, QemuEnvironment.QemuImg)).FlattenAsync(rebuilt.ImageId, ExportFormat.Raw, raw);
            StringAssert.Contains(ImageTools.Run("debugfs", "-R", "cat /etc/vmgrid-slow", raw).StandardOutput, "slow");
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    [TestMethod]
    public async Task Build_KilledAfterThreeOfFiveActions_RebuildHasThoseThreeAsCacheHits()
    {
        var (store, dags) = await VmFactory.NewStoreAsync("partial");
        var config = VmFactory.WriteDag(
            dags,
            "five",
            "<script id=\"a1\">echo 1 &gt; /etc/vmgrid-a1</script><script id=\"a2\">echo 2 &gt; /etc/vmgrid-a2</script><script id=\"a3\">echo 3 &gt; /etc/vmgrid-a3</script>"
            + "<script id=\"a4\">sleep 15; echo 4 &gt; /etc/vmgrid-a4</script><script id=\"a5\">echo 5 &gt; /etc/vmgrid-a5</script>",
            "<edge from=\"a1\" to=\"a2\"/><edge from=\"a2\" to=\"a3\"/><edge from=\"a3\" to=\"a4\"/><edge from=\"a4\" to=\"a5\"/>");
        var (process, stderr) = QemuEnvironment.StartCli("build", config, "--store", store);
        using (process)
        {
            QemuEnvironment.WaitForLine(stderr, "action 4/5 a4", TimeSpan.FromMinutes(5));
            var qemu = QemuFor(store);
            process.Kill(); // SIGKILL
            await process.WaitForExitAsync();
            var watch = Stopwatch.StartNew();
            while (qemu is { } pid && QemuEnvironment.IsRunning(pid) && watch.Elapsed < TimeSpan.FromSeconds(20))
            {
                await Task.Delay(100);
            }
        }

        await VmFactory.AssertConsistentAsync(store);
        var kept = (await LayerStore.OpenAsync(store, QemuEnvironment.QemuImg)).List();
        CollectionAssert.AreEqual(new[] { "a1", "a2", "a3" }, kept.Skip(1).Select(s => s.Manifest.Action.Split(' ')[0]).ToArray(), "the base and the three finished actions are states");

        var counting = new CountingExecutor(VmFactory.Executor());
        var rebuilt = await (await VmFactory.FactoryAsync(store)).BuildAsync(config, new BuildOptions(counting));

        Assert.AreEqual(4, rebuilt.ReusedNodes, "cache hits: the base and a1..a3");
        Assert.AreEqual(2, rebuilt.BuiltNodes);
        CollectionAssert.AreEqual(new[] { "a4", "a5" }, counting.Ran);
        await VmFactory.AssertConsistentAsync(store);
        var scratch = Directory.CreateTempSubdirectory("vmgrid-partial-it-").FullName;
        try
        {
            var raw = Path.Combine(scratch, "image.raw");
            await new ImageExporter(await LayerStore.OpenAsync(store, QemuEnvironment.QemuImg)).FlattenAsync(rebuilt.ImageId, ExportFormat.Raw, raw);
            foreach (var n in new[] { 1, 3, 5 })
            {
                StringAssert.Contains(ImageTools.Run("debugfs", "-R", $"cat /etc/vmgrid-a{n}", raw).StandardOutput, n.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>The QEMU whose command line names a file of <paramref name="store"/>.</summary>
    private static int? QemuFor(string store)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0');
                if (cmdline[0].EndsWith("qemu-system-x86_64", StringComparison.Ordinal) && cmdline.Any(a => a.Contains(store + "/", StringComparison.Ordinal)))
                {
                    return pid;
                }
            }
            catch (IOException)
            {
                // The process ended meanwhile.
            }
        }

        return null;
    }
}
