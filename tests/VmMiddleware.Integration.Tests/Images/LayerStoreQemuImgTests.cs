using System.Diagnostics;
using VmMiddleware.Images.Store;

namespace VmMiddleware.Integration.Tests.Images;

/// <summary>The layer store with real qemu-img: chains, commits, exports in every format, and kill -9 during commits.</summary>
[TestClass]
[TestCategory("Integration")]
public sealed class LayerStoreQemuImgTests
{
    /// <summary>Commits a chain of <paramref name="layers"/> real qcow2 layers, each writing its own 512 KiB, on a raw base.</summary>
    internal static async Task<List<string>> BuildChainAsync(LayerStore store, string raw, int layers)
    {
        var ids = new List<string>();
        using var session = store.BeginSession();
        string? parent = null;
        for (var n = 0; n < layers; n++)
        {
            var id = $"{n:x2}" + new string('a', 62);
            var temp = session.TempLayerPath(n);
            if (parent is null)
            {
                await store.QemuImg.ConvertAsync(raw, temp, "qcow2", "raw");
            }
            else
            {
                await store.QemuImg.CreateOverlayAsync(temp, LayerStore.LayerFileName(parent));
                ImageTools.Run("qemu-io", "-f", "qcow2", "-c", $"write -P 0x{n + 1:x2} {n}M 512k", temp).EnsureSuccess();
            }

            using var held = store.TryLockState(id)!;
            var manifest = new StateManifest(id, [id], parent, "layer " + n, 0, 0, default, null, new Dictionary<string, string>(), null);
            await store.CommitAsync(temp, manifest, "log " + n);
            ids.Add(id);
            parent = id;
        }

        return ids;
    }

    [TestMethod]
    public async Task Commit_RealChain_RelativeBackingAndConsistent()
    {
        RequiredTool.Find("qemu-img");
        var dir = Directory.CreateTempSubdirectory("vmgrid-store-it-");
        try
        {
            var store = await LayerStore.OpenAsync(Path.Combine(dir.FullName, "store"), QemuEnvironment.QemuImg);
            var ids = await BuildChainAsync(store, ImageTools.RawDisk(dir.FullName, 16), 3);

            var info = await store.QemuImg.InfoAsync(store.LayerPath(ids[2]));

            Assert.AreEqual(LayerStore.LayerFileName(ids[1]), info.BackingFile);
            Assert.AreEqual(16L << 20, info.VirtualSizeBytes);
            Assert.AreEqual(0, (await store.QemuImg.CheckAsync(store.LayerPath(ids[2]))).ExitCode);
            Assert.IsEmpty(Directory.GetFiles(store.LayersDirectory, ".tmp-*"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [TestMethod]
    public async Task Export_EveryFormat_SameContentAsChain()
    {
        RequiredTool.Find("qemu-img");
        var dir = Directory.CreateTempSubdirectory("vmgrid-export-it-");
        try
        {
            var store = await LayerStore.OpenAsync(Path.Combine(dir.FullName, "store"), QemuEnvironment.QemuImg);
            var ids = await BuildChainAsync(store, ImageTools.RawDisk(dir.FullName, 16), 3);
            var exporter = new ImageExporter(store);
            foreach (var format in Enum.GetValues<ExportFormat>())
            {
                var output = Path.Combine(dir.FullName, "out." + ImageExporter.Name(format));

                var result = await exporter.FlattenAsync(ids[2], format, output);

                var info = await store.QemuImg.InfoAsync(output);
                Assert.AreEqual(ImageExporter.Name(format), info.Format, format.ToString());
                Assert.IsNull(info.BackingFile);
                StringAssert.StartsWith(File.ReadAllText(output + ".sha256"), result.Sha256 + "  out.");
                ImageTools.Run("qemu-img", "compare", "-q", output, store.LayerPath(ids[2])).EnsureSuccess();
                if (format is ExportFormat.Qcow2 or ExportFormat.Vdi or ExportFormat.Vhdx or ExportFormat.Vmdk)
                {
                    Assert.AreEqual(0, (await store.QemuImg.CheckAsync(output)).ExitCode, format.ToString());
                }
            }

            var chain = await exporter.ChainAsync(ids[2], Path.Combine(dir.FullName, "chain"));

            Assert.HasCount(3, chain.Files);
            ImageTools.Run("qemu-img", "compare", "-q", chain.ImagePath, store.LayerPath(ids[2])).EnsureSuccess();
            ImageTools.Run("sh", "-c", "cd \"$1\" && sha256sum --check --quiet --strict SHA256SUMS", "sh", Path.Combine(dir.FullName, "chain")).EnsureSuccess();
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [TestMethod]
    public async Task Open_AfterKill9DuringCommits_StoreConsistent()
    {
        RequiredTool.Find("qemu-img");
        var dir = Directory.CreateTempSubdirectory("vmgrid-crash-it-");
        try
        {
            var storeDir = Path.Combine(dir.FullName, "store");
            var raw = ImageTools.RawDisk(dir.FullName, 8);
            var random = new Random(7);
            for (var round = 0; round < 4; round++)
            {
                var helper = Path.Combine(AppContext.BaseDirectory, "VmMiddleware.StoreCrashHelper.dll");
                using var process = Process.Start(new ProcessStartInfo("dotnet", [helper, "factory", "insert-loop", storeDir, raw]) { RedirectStandardOutput = true })!;
                Assert.AreEqual("ready", await process.StandardOutput.ReadLineAsync());
                // A random moment after the first commit of the round (a loaded machine may need seconds for one), so every round
                // kills into the middle of some later commit: qemu-img at work, a rename, an entry file being written.
                StringAssert.StartsWith(await process.StandardOutput.ReadLineAsync(), "committed ");
                await Task.Delay(random.Next(400));
                // SIGKILL to the helper and its qemu-img children (as a batch system kills a job): no finally blocks, no cleanup.
                // Killing only the parent would let an orphaned qemu-img write a temporary layer after the reopen below.
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();

                var store = await LayerStore.OpenAsync(storeDir, QemuEnvironment.QemuImg);

                Assert.IsEmpty(Directory.GetFiles(store.LayersDirectory, ".tmp-*"), "temp layers left in round " + round);
                var states = store.List();
                var layers = Directory.GetFiles(store.LayersDirectory, "*.qcow2").Select(Path.GetFileNameWithoutExtension).Order().ToList();
                CollectionAssert.AreEqual(states.Select(s => s.Id).Order().ToList(), layers, "every layer has a manifest and vice versa");
                var top = states.OrderByDescending(s => s.Manifest.NodeHashes.Count).FirstOrDefault();
                if (top is not null)
                {
                    Assert.AreEqual(0, (await store.QemuImg.CheckAsync(top.LayerPath)).ExitCode);
                    Assert.HasCount(top.Manifest.NodeHashes.Count, store.Chain(top.Id));
                }
            }

            Assert.IsNotEmpty((await LayerStore.OpenAsync(storeDir, QemuEnvironment.QemuImg)).List(), "the helper committed nothing in four rounds");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
