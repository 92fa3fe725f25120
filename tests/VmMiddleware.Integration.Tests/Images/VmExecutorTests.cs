using System.Xml.Linq;
using VmMiddleware.Images.Building;
using VmMiddleware.Images.Store;

namespace VmMiddleware.Integration.Tests.Images;

/// <summary>The VM executor for real: builder VMs (the reference guest under TCG or KVM) run the example DAG's actions on the reference base, one qcow2 layer per action.</summary>
[TestClass]
[TestCategory("Integration")]
public sealed class VmExecutorTests
{
    private static readonly Lazy<Task<ToolsBuild>> Tools = new(BuildToolsAsync);

    [TestMethod]
    public async Task Build_ToolsExample_OneVmOneLayerPerActionAndWorkUnitSeesEveryAction()
    {
        var tools = await Tools.Value;

        Assert.AreEqual(4, tools.Result.BuiltNodes);
        Assert.AreEqual(1, tools.Result.ReusedNodes);
        Assert.HasCount(4, tools.Result.StatesBuilt);
        Assert.AreEqual(1, tools.FirstBuildVms, "one builder VM for the whole request");
        var chain = (await LayerStore.OpenAsync(tools.Store, QemuEnvironment.QemuImg)).Chain(tools.Result.ImageId);
        Assert.HasCount(5, chain);
        await VmFactory.AssertConsistentAsync(tools.Store);
        var lastLog = File.ReadAllText(Path.Combine(tools.Store, chain[^1].Manifest.BuildLog!));
        StringAssert.Contains(lastLog, VmActionExecutor.ConsoleHeader);
        StringAssert.Contains(lastLog, "VMGRID:START", "the builder VM's console is kept with the last state it built");

        var flat = Path.Combine(tools.Dags, "tools.qcow2");
        await new ImageExporter(await LayerStore.OpenAsync(tools.Store, QemuEnvironment.QemuImg)).FlattenAsync(tools.Result.ImageId, ExportFormat.Qcow2, flat);
        const string check = "set -e; grep -qx 'gamma 3' /opt/data/readings.txt; grep -qx 'sum=6' /etc/vmgrid-stamp; "
            + "grep -qx 'alice:x:2001:2001::/home/alice:/bin/sh' /etc/passwd; test -d /home/alice; /usr/local/bin/vmgrid-hello; "
            + "dpkg-query -W -f '${Package} ${Version}\\n' vmgrid-hello; echo all-actions-seen";
        var stdout = Support.ImageCheck.Run(flat, check, tools.Dags, "tools-check");
        StringAssert.Contains(stdout, "hello from vmgrid-hello 1.0\nvmgrid-hello 1.0\nall-actions-seen");
    }

    [TestMethod]
    public async Task Build_SharedPrefixIdenticalAndReordered_OnlyNewActionBuiltNoVmForHits()
    {
        var tools = await Tools.Value;
        var chain = (await LayerStore.OpenAsync(tools.Store, QemuEnvironment.QemuImg)).Chain(tools.Result.ImageId);
        var fourth = chain[4].Manifest.Action.Split(' ')[0];
        var toolsDag = XDocument.Load(Path.Combine(FactoryStore.ExamplesDirectory, "tools.vmconfig.xml"));
        XNamespace ns = "urn:vmmiddleware:vmconfig:1";

        // The first three actions of the built chain plus a new one.
        var shared = new XDocument(toolsDag);
        shared.Root!.SetAttributeValue("name", "shared");
        shared.Descendants().Where(e => (string?)e.Attribute("id") == fourth || (string?)e.Attribute("to") == fourth).Remove();
        shared.Root.Element(ns + "actions")!.Add(new XElement(ns + "script", new XAttribute("id", "extra"), "echo extra > /etc/vmgrid-extra"));
        var sharedPath = Path.Combine(tools.Dags, "shared.vmconfig.xml");
        shared.Save(sharedPath);
        var counting = new CountingExecutor(VmFactory.Executor());
        var extra = await (await VmFactory.FactoryAsync(tools.Store)).BuildAsync(sharedPath, new BuildOptions(counting));

        Assert.AreEqual(1, extra.BuiltNodes);
        Assert.AreEqual(4, extra.ReusedNodes);
        CollectionAssert.AreEqual(new[] { "extra" }, counting.Ran);
        Assert.AreEqual(chain[3].Id, (await LayerStore.OpenAsync(tools.Store, QemuEnvironment.QemuImg)).Find(extra.ImageId)!.Manifest.ParentId, "built on the state after the first three actions");

        // The identical request: answered from the cache, no builder VM.
        var deferred = new DeferredActionExecutor(() => VmFactory.Executor());
        var hit = await (await VmFactory.FactoryAsync(tools.Store)).BuildAsync(Path.Combine(tools.Dags, "tools.vmconfig.xml"), new BuildOptions(deferred));

        Assert.IsTrue(hit.ExactHit);
        Assert.AreEqual(tools.Result.ImageId, hit.ImageId);
        Assert.IsFalse(deferred.Created, "no executor was created, so no QEMU started");
        Assert.IsLessThan(1000, hit.Duration.TotalMilliseconds, $"exact hit took {hit.Duration.TotalMilliseconds} ms");

        // The same actions in another document order (alice and hello are independent): the same states, the same layers.
        var reordered = new XDocument(toolsDag);
        var actions = reordered.Root!.Element(ns + "actions")!;
        var nodes = actions.Elements().ToList();
        actions.ReplaceNodes(nodes.Take(1).Concat(nodes.Skip(1).Reverse()));
        var edges = reordered.Root.Element(ns + "edges")!;
        edges.ReplaceNodes(edges.Elements().Reverse().ToList());
        var reorderedPath = Path.Combine(tools.Dags, "reordered.vmconfig.xml");
        reordered.Save(reorderedPath);
        var again = new DeferredActionExecutor(() => VmFactory.Executor());
        var same = await (await VmFactory.FactoryAsync(tools.Store)).BuildAsync(reorderedPath, new BuildOptions(again));

        Assert.IsTrue(same.ExactHit);
        Assert.AreEqual(tools.Result.ImageId, same.ImageId);
        Assert.IsFalse(again.Created);
        CollectionAssert.AreEqual(chain.Select(s => s.LayerPath).ToArray(), (await LayerStore.OpenAsync(tools.Store, QemuEnvironment.QemuImg)).Chain(same.ImageId).Select(s => s.LayerPath).ToArray());
    }

    [TestMethod]
    public async Task Build_ActionFailsInColdBootedBuilderVm_NamesActionShowsItsOutputKeepsLogAndEarlierStates()
    {
        var (store, dags) = await VmFactory.NewStoreAsync("fail");
        var dag = VmFactory.WriteDag(
            dags, "fail", "<script id=\"ok\">echo ok &gt; /etc/vmgrid-ok</script><script id=\"boom\">echo about to fail; echo on stderr &gt;&amp;2; exit 3</script>", "<edge from=\"ok\" to=\"boom\"/>");

        var e = await Assert.ThrowsExactlyAsync<BuildFailedException>(async () => await (await VmFactory.FactoryAsync(store)).BuildAsync(dag, new BuildOptions(VmFactory.Executor(coldBoot: true))));

        Assert.AreEqual("boom", e.ActionId);
        Assert.AreEqual(3, e.Status);
        StringAssert.Contains(e.Message, "action 'boom' failed with status 3: about to fail | on stderr; whole log: " + Path.Combine(store, "logs"));
        var kept = File.ReadAllText(e.LogPath!);
        StringAssert.Contains(kept, "about to fail\non stderr\n");
        StringAssert.Contains(kept, "--- builder VM console ---");
        StringAssert.Contains(kept, "VMGRID:");
        var states = (await LayerStore.OpenAsync(store, QemuEnvironment.QemuImg)).List();
        Assert.HasCount(2, states);
        StringAssert.StartsWith(states[1].Manifest.Action, "ok ");
        await VmFactory.AssertConsistentAsync(store);
    }

    [TestMethod]
    public async Task Build_ResizeBetweenActions_LayerGrowsAndFileSystemFollows()
    {
        var (store, dags) = await VmFactory.NewStoreAsync("resize");
        var dag = VmFactory.WriteDag(
            dags,
            "resize",
            "<script id=\"before\">echo before &gt; /etc/vmgrid-before</script><resize id=\"grow\" size=\"1536M\"/><script id=\"after\">df -k / | tail -1 &gt; /etc/vmgrid-df</script>",
            "<edge from=\"before\" to=\"grow\"/><edge from=\"grow\" to=\"after\"/>");

        var result = await (await VmFactory.FactoryAsync(store)).BuildAsync(dag, new BuildOptions(VmFactory.Executor()));

        Assert.AreEqual(3, result.BuiltNodes);
        Assert.AreEqual(1536L << 20, (await LayerStore.OpenAsync(store, QemuEnvironment.QemuImg)).Find(result.ImageId)!.Manifest.VirtualSizeBytes);
        await VmFactory.AssertConsistentAsync(store);
        var scratch = Directory.CreateTempSubdirectory("vmgrid-resize-it-").FullName;
        try
        {
            var raw = Path.Combine(scratch, "image.raw");
            await new ImageExporter(await LayerStore.OpenAsync(store, QemuEnvironment.QemuImg)).FlattenAsync(result.ImageId, ExportFormat.Raw, raw);
            var df = ImageTools.Run("debugfs", "-R", "cat /etc/vmgrid-df", raw).StandardOutput.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.IsGreaterThan(1400000L, long.Parse(df[1], System.Globalization.CultureInfo.InvariantCulture), "the file system grew online: " + string.Join(' ', df));
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static async Task<ToolsBuild> BuildToolsAsync()
    {
        var (store, dags) = await VmFactory.NewStoreAsync("tools");
        var config = Path.Combine(dags, "tools.vmconfig.xml");
        File.Copy(Path.Combine(FactoryStore.ExamplesDirectory, "tools.vmconfig.xml"), config);
        var counting = new CountingExecutor(VmFactory.Executor());
        var result = await (await VmFactory.FactoryAsync(store)).BuildAsync(config, new BuildOptions(counting));
        return new ToolsBuild(store, dags, result, counting.Calls);
    }

    private sealed record ToolsBuild(string Store, string Dags, BuildResult Result, int FirstBuildVms);
}
