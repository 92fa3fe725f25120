using VmMiddleware.Images.Building;
using VmMiddleware.Images.Dag;
using VmMiddleware.Images.Tests.Store;

namespace VmMiddleware.Images.Tests.Building;

[TestClass]
public sealed class ImageFactoryTests
{
    private static ConfigDag Chain(StoreFixture f, params string[] ids)
    {
        var image = Path.Combine(f.Directory, "base.img");
        if (!File.Exists(image))
        {
            File.WriteAllText(image, "a base disk");
        }

        var xml = TestDags.Xml(ids.Select(TestDags.Script), ids.Select((id, i) => (i == 0 ? "b0" : ids[i - 1]) + ">" + id))
            .Replace("ref=\"debian-bookworm\"", $"path=\"{image}\"", StringComparison.Ordinal);
        return TestDags.Parse(xml);
    }

    [TestMethod]
    public async Task Build_EmptyStore_BuildsBaseAndOneStatePerAction()
    {
        using var f = await StoreFixture.CreateAsync();
        var factory = new ImageFactory(f.Store, f.Runner);
        var executor = new FakeExecutor();

        var result = await factory.BuildAsync(Chain(f, "a", "b", "c"), new BuildOptions(executor));

        Assert.AreEqual(0, result.ReusedNodes);
        Assert.AreEqual(4, result.BuiltNodes);
        Assert.HasCount(4, f.Store.List());
        Assert.AreEqual(result.ImageId, f.Store.Chain(result.ImageId)[^1].Id);
        CollectionAssert.AreEqual(new[] { "a", "b", "c" }, executor.Ran);
        Assert.AreEqual("ok b\n", File.ReadAllText(Path.Combine(f.Directory, f.Store.Chain(result.ImageId)[2].Manifest.BuildLog!)));
        Assert.IsEmpty(Directory.GetFiles(Path.Combine(f.Directory, "layers"), ".tmp-*"));
    }

    [TestMethod]
    public async Task Build_SameDagTwice_ExactHitRunsNothing()
    {
        using var f = await StoreFixture.CreateAsync();
        var factory = new ImageFactory(f.Store, f.Runner);
        var first = await factory.BuildAsync(Chain(f, "a", "b"), new BuildOptions(new FakeExecutor()));
        var executor = new FakeExecutor();

        var second = await factory.BuildAsync(Chain(f, "a", "b"), new BuildOptions(executor));

        Assert.IsTrue(second.ExactHit);
        Assert.AreEqual(first.ImageId, second.ImageId);
        Assert.AreEqual(0, executor.Runs);
    }

    [TestMethod]
    public async Task Build_SharedPrefix_RunsOnlyNewActions()
    {
        using var f = await StoreFixture.CreateAsync();
        var factory = new ImageFactory(f.Store, f.Runner);
        await factory.BuildAsync(Chain(f, "a", "b", "c", "d"), new BuildOptions(new FakeExecutor()));
        var executor = new FakeExecutor();

        var result = await factory.BuildAsync(Chain(f, "a", "b", "c", "x"), new BuildOptions(executor));

        Assert.AreEqual(4, result.ReusedNodes);
        CollectionAssert.AreEqual(new[] { "x" }, executor.Ran);
    }

    [TestMethod]
    public async Task Build_IdenticalConcurrentRequests_BuildOnce()
    {
        using var f = await StoreFixture.CreateAsync();
        var factory = new ImageFactory(f.Store, f.Runner);
        await factory.BuildAsync(Chain(f, "a"), new BuildOptions(new FakeExecutor()));
        var executor = new FakeExecutor { Delay = TimeSpan.FromMilliseconds(300) };

        var results = await Task.WhenAll(
            Task.Run(() => factory.BuildAsync(Chain(f, "a", "b", "c"), new BuildOptions(executor))),
            Task.Run(() => factory.BuildAsync(Chain(f, "a", "b", "c"), new BuildOptions(executor))));

        Assert.AreEqual(1, executor.Runs);
        Assert.AreEqual(results[0].ImageId, results[1].ImageId);
        Assert.AreEqual(1, results.Count(r => r.ExactHit));
    }

    [TestMethod]
    public async Task Build_ConcurrentRequestsSharingPrefix_SharedPartBuiltOnce()
    {
        using var f = await StoreFixture.CreateAsync();
        var factory = new ImageFactory(f.Store, f.Runner);
        await factory.BuildAsync(Chain(f, "a"), new BuildOptions(new FakeExecutor()));
        var executor = new FakeExecutor { Delay = TimeSpan.FromMilliseconds(300) };

        await Task.WhenAll(
            Task.Run(() => factory.BuildAsync(Chain(f, "a", "b", "c"), new BuildOptions(executor))),
            Task.Run(() => factory.BuildAsync(Chain(f, "a", "b", "x"), new BuildOptions(executor))));

        Assert.AreEqual(1, executor.Ran.Count(id => id == "b"));
        Assert.HasCount(5, f.Store.List()); // base, a, b, then c and x
    }

    [TestMethod]
    public async Task Build_ActionFails_EarlierStatesKeptAndActionNamed()
    {
        using var f = await StoreFixture.CreateAsync();
        var factory = new ImageFactory(f.Store, f.Runner);

        var e = await Assert.ThrowsExactlyAsync<BuildFailedException>(() => factory.BuildAsync(Chain(f, "a", "b", "c"), new BuildOptions(new FakeExecutor { FailOn = "b" })));

        Assert.AreEqual("b", e.ActionId);
        StringAssert.Contains(e.Message, "action 'b' failed with status 3: boom");
        Assert.HasCount(2, f.Store.List()); // base and a
        Assert.IsEmpty(Directory.GetFiles(Path.Combine(f.Directory, "layers"), ".tmp-*"));
    }

    [TestMethod]
    public async Task Build_ActionFailsBeforeTheConsole_MessageShowsActionsOwnTailAndStoreKeepsWholeLog()
    {
        using var f = await StoreFixture.CreateAsync();
        var factory = new ImageFactory(f.Store, f.Runner);
        var log = "line 0\nline 1\nline 2\nto stdout\nto stderr\ngiving up\n" + BuildFailedException.ConsoleHeader + "VMGRID:EXIT 1\nVMGRID:DONE\nreboot: Power down\n";
        var executor = new FakeExecutor { FailOn = "b", FailureLog = log };

        var e = await Assert.ThrowsExactlyAsync<BuildFailedException>(() => factory.BuildAsync(Chain(f, "a", "b", "c"), new BuildOptions(executor)));

        Assert.IsNotNull(e.LogPath);
        Assert.AreEqual($"action 'b' failed with status 3: line 1 | line 2 | to stdout | to stderr | giving up; whole log: {e.LogPath}", e.Message);
        Assert.AreEqual(log, File.ReadAllText(e.LogPath));
        StringAssert.StartsWith(e.LogPath, Path.Combine(f.Directory, "logs") + "/");
        await f.Store.RecoverAsync();
        Assert.IsTrue(File.Exists(e.LogPath), "recovery keeps the failed build's log");
    }

    [TestMethod]
    public async Task Build_ExecutorCommitsLayersAsTheyComplete_EachStateKeptWithItsRealLog()
    {
        using var f = await StoreFixture.CreateAsync();
        var factory = new ImageFactory(f.Store, f.Runner);

        var result = await factory.BuildAsync(Chain(f, "a", "b", "c"), new BuildOptions(new FakeExecutor { CommitEarly = true }));

        var actions = f.Store.Chain(result.ImageId).Where(s => s.Manifest.ParentId is not null).ToList();
        CollectionAssert.AreEquivalent(new[] { "a", "b", "c" }, actions.Select(s => s.Manifest.Action.Split(' ')[0]).ToArray());
        foreach (var state in actions)
        {
            Assert.AreEqual("ok " + state.Manifest.Action.Split(' ')[0] + "\n", File.ReadAllText(Path.Combine(f.Directory, "logs", state.Id + ".log")));
        }
    }

    [TestMethod]
    public async Task Build_ExecutorDiesAfterTwoCommittedLayers_ThoseStatesKeptAndRebuildRunsOnlyTheRest()
    {
        using var f = await StoreFixture.CreateAsync();
        var factory = new ImageFactory(f.Store, f.Runner);
        var dag = Chain(f, "a", "b", "c");

        await Assert.ThrowsExactlyAsync<IOException>(() => factory.BuildAsync(dag, new BuildOptions(new FakeExecutor { CommitEarly = true, DieAfter = "b" })));
        CollectionAssert.AreEquivalent(new[] { "a", "b" }, f.Store.List().Where(s => s.Manifest.ParentId is not null).Select(s => s.Manifest.Action.Split(' ')[0]).ToArray());
        var again = new FakeExecutor();
        var rebuilt = await factory.BuildAsync(dag, new BuildOptions(again));

        Assert.AreEqual(3, rebuilt.ReusedNodes, "the base, a and b");
        CollectionAssert.AreEqual(new[] { "c" }, again.Ran);
    }

    [TestMethod]
    public async Task Build_UnregisteredBase_RejectedNamingBaseNode()
    {
        using var f = await StoreFixture.CreateAsync();
        var factory = new ImageFactory(f.Store, f.Runner);
        var dag = TestDags.Parse(TestDags.Xml([TestDags.Script("a")], []).Replace("debian-bookworm", "nosuch", StringComparison.Ordinal));

        var e = await Assert.ThrowsExactlyAsync<DagFormatException>(() => factory.BuildAsync(dag, new BuildOptions(new FakeExecutor())));

        StringAssert.Contains(e.Message, "base 'b0': no base named 'nosuch' is registered");
    }

    [TestMethod]
    public async Task Build_UnavailableExecutor_ClearMessage()
    {
        using var f = await StoreFixture.CreateAsync();
        var factory = new ImageFactory(f.Store, f.Runner);

        var e = await Assert.ThrowsExactlyAsync<NotSupportedException>(() => factory.BuildAsync(Chain(f, "a"), new BuildOptions(new UnavailableActionExecutor())));

        StringAssert.Contains(e.Message, "--executor chroot");
    }

    [TestMethod]
    public void SeedWriter_ToolsExample_OneDirectoryPerActionWithArgumentFiles()
    {
        var dag = DagReader.Read(Path.Combine(TestDags.ExamplesDirectory, "tools.vmconfig.xml"));
        var seed = Directory.CreateTempSubdirectory("vmgrid-seed-").FullName;
        try
        {
            SeedWriter.Write(seed, dag.Nodes.Skip(1).ToList());

            CollectionAssert.AreEqual(new[] { "001-copy", "002-script", "003-user", "004-packages" }, Directory.GetDirectories(Path.Combine(seed, "actions")).Select(Path.GetFileName).Order().ToArray());
            Assert.AreEqual("/opt/data\n", File.ReadAllText(Path.Combine(seed, "actions", "001-copy", "target")));
            Assert.IsTrue(File.Exists(Path.Combine(seed, "actions", "001-copy", "payload", "readings.txt")));
            Assert.AreEqual("alice\n", File.ReadAllText(Path.Combine(seed, "actions", "003-user", "name")));
            Assert.IsTrue(File.Exists(Path.Combine(seed, "actions", "004-packages", "debs", "vmgrid-hello_1.0_all.deb")));
            StringAssert.StartsWith(File.ReadAllText(Path.Combine(seed, "run-actions.sh")), "#!/bin/sh");
        }
        finally
        {
            Directory.Delete(seed, recursive: true);
        }
    }
}
