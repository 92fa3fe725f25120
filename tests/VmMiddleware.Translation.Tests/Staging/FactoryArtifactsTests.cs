using VmMiddleware.Translation.Condor;
using VmMiddleware.Translation.Dag;
using VmMiddleware.Translation.Staging;
using VmMiddleware.WorkUnits;
using VmMiddleware.WorkUnits.Workflow;

namespace VmMiddleware.Translation.Tests.Staging;

/// <summary>The --factory rule for the launcher, the QEMU bundle and the guest archive, and the submit description it leads to.</summary>
[TestClass]
public sealed class FactoryArtifactsTests
{
    private const string Sha = "4444444444444444444444444444444444444444444444444444444444444444";

    private static readonly WorkUnit Unit = new()
    {
        Name = "hello",
        Image = new ImageSpec(ImageKind.BootableDisk, ImageLocation.FromHostPath("/home/u/root.qcow2"), ImageFormat.Qcow2),
        Command = new GuestCommand { Executable = "/bin/true" },
    };

    [TestMethod]
    public async Task NameHeld_PublishedLauncherAndBundle_NamesUrlsRemovesTheFilesAndShipsTheGuest()
    {
        var dir = Directory.CreateTempSubdirectory("vmgrid-artifacts-").FullName;
        try
        {
            foreach (var name in new[] { "vmgrid", "qemu-bundle.tar.gz", "reference-guest.tar.gz" })
            {
                File.WriteAllText(Path.Combine(dir, name), name);
            }

            var lines = new List<string>();
            var options = await FactoryArtifacts.NameHeldAsync(dir, new CondorTranslationOptions(), new FakeFactoryContent(("vmgrid", Sha, true), ("qemu-bundle.tar.gz", Sha, true)), lines.Add, CancellationToken.None);

            Assert.AreEqual($"vmimage://f.example:8443/artifacts/{Sha}/vmgrid", options.LauncherPath);
            Assert.AreEqual($"vmimage://f.example:8443/artifacts/{Sha}/qemu-bundle.tar.gz", options.BundlePath);
            Assert.AreEqual("reference-guest.tar.gz", options.GuestPath);
            CollectionAssert.AreEquivalent(new[] { "reference-guest.tar.gz" }, Directory.GetFiles(dir).Select(Path.GetFileName).ToArray());
            Assert.HasCount(3, lines);
            Assert.AreEqual("reference-guest.tar.gz: the factory at f.example:8443 does not publish it (not asked about it); shipping it", lines[2]);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public void Translate_LauncherUrl_RunsItAsAnInputWithoutTransferringTheExecutable()
    {
        var options = new CondorTranslationOptions { LauncherPath = $"vmimage://f.example:8443/artifacts/{Sha}/vmgrid", BundlePath = $"vmimage://f.example:8443/artifacts/{Sha}/qemu-bundle.tar.gz" };

        var job = WorkUnitCondorTranslator.Translate(Unit, options);

        Assert.AreEqual("vmgrid", job.Submit.Find("executable"));
        Assert.AreEqual("false", job.Submit.Find("transfer_executable"));
        Assert.AreEqual($"vmimage://f.example:8443/artifacts/{Sha}/vmgrid, workunit.xml, vmimage://f.example:8443/artifacts/{Sha}/qemu-bundle.tar.gz, image-root.qcow2", job.Submit.Find("transfer_input_files"));
    }

    [TestMethod]
    public void Translate_VmUniverseWithLauncherUrl_RunsItAsAnInput()
    {
        var options = new CondorTranslationOptions { LauncherPath = $"vmimage://f.example:8443/artifacts/{Sha}/vmgrid" };

        var job = WorkUnitCondorTranslator.Translate(Unit with { Command = null }, options);

        Assert.AreEqual("vmgrid", job.Submit.Find("executable"));
        Assert.AreEqual("false", job.Submit.Find("transfer_executable"));
        StringAssert.StartsWith(job.Submit.Find("transfer_input_files"), $"vmimage://f.example:8443/artifacts/{Sha}/vmgrid, ");
    }

    [TestMethod]
    public void Translate_LauncherFile_TransfersItAsTheExecutable()
    {
        var job = WorkUnitCondorTranslator.Translate(Unit, new CondorTranslationOptions());

        Assert.AreEqual("vmgrid", job.Submit.Find("executable"));
        Assert.IsNull(job.Submit.Find("transfer_executable"));
        Assert.AreEqual("workunit.xml, qemu-bundle.tar.gz, image-root.qcow2", job.Submit.Find("transfer_input_files"));
    }

    [TestMethod]
    public void TranslateDag_SharedFileUrls_AreNotPrefixedWithTheParentDirectory()
    {
        var workflow = new Workflow { Name = "w", Nodes = [new WorkflowNode("a", Unit)] };
        var options = new CondorTranslationOptions { LauncherPath = $"vmimage://f.example:8443/artifacts/{Sha}/vmgrid" };

        var node = WorkflowDagTranslator.Translate(workflow, options).Nodes.Single().Job;

        Assert.AreEqual("vmgrid", node.Submit.Find("executable"));
        StringAssert.Contains(node.Submit.Find("transfer_input_files"), $"vmimage://f.example:8443/artifacts/{Sha}/vmgrid, workunit.xml, ../qemu-bundle.tar.gz");
    }
}
