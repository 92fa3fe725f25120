using System.Text.Json;
using VmMiddleware.Images.Building;
using VmMiddleware.Images.Dag;
using VmMiddleware.Host.Processes;
using VmMiddleware.Images.Store;

namespace VmMiddleware.Integration.Tests.Images;

/// <summary>Stores for the VM executor's tests: each starts with the reference base hard-linked from the shared store (built once per machine) and nothing else.</summary>
internal static class VmFactory
{
    private static readonly List<string> Created = [];

    public static string Root => Path.Combine(Path.GetTempPath(), "vmgrid-factory-it");

    /// <summary>Removes the stores this run made (the shared store with the base stays).</summary>
    public static void Cleanup()
    {
        lock (Created)
        {
            foreach (var dir in Created.Where(Directory.Exists))
            {
                Directory.Delete(dir, recursive: true);
            }

            Created.Clear();
        }
    }

    /// <summary>A new store holding only the reference base, and a scratch directory with the examples' data and packages.</summary>
    public static async Task<(string Store, string Dags)> NewStoreAsync(string name)
    {
        foreach (var tool in new[] { "qemu-img", "qemu-system-x86_64", "mkfs.vfat", "mcopy", "setpriv", "debugfs" })
        {
            RequiredTool.Find(tool);
        }

        var baseDag = DagReader.Parse(
            "<vmconfig xmlns=\"urn:vmmiddleware:vmconfig:1\" name=\"base\"><actions><base id=\"debian\" ref=\"debian-bookworm\"/></actions></vmconfig>", "base.vmconfig.xml", Path.GetTempPath());
        var shared = await FactoryStore.ExclusiveAsync(async () => await (await FactoryStore.FactoryAsync()).BuildAsync(baseDag, new BuildOptions(new UnavailableActionExecutor())));
        var dir = Directory.CreateDirectory(Path.Combine(Root, $"vm-{name}-{Guid.NewGuid().ToString("N")[..8]}")).FullName;
        lock (Created)
        {
            Created.Add(dir);
        }

        var store = Path.Combine(dir, "store");
        Directory.CreateDirectory(Path.Combine(store, "layers"));
        Directory.CreateDirectory(Path.Combine(store, "states"));
        ImageTools.Run("ln", Path.Combine(FactoryStore.Directory, "layers", LayerStore.LayerFileName(shared.ImageId)), Path.Combine(store, "layers", LayerStore.LayerFileName(shared.ImageId))).EnsureSuccess();
        File.Copy(Path.Combine(FactoryStore.Directory, "states", shared.ImageId + ".json"), Path.Combine(store, "states", shared.ImageId + ".json"));
        var dags = Directory.CreateDirectory(Path.Combine(dir, "dags")).FullName;
        foreach (var sub in new[] { "data", "packages" })
        {
            Directory.CreateDirectory(Path.Combine(dags, sub));
            foreach (var file in Directory.EnumerateFiles(Path.Combine(FactoryStore.ExamplesDirectory, sub)))
            {
                File.Copy(file, Path.Combine(dags, sub, Path.GetFileName(file)));
            }
        }

        return (store, dags);
    }

    /// <summary>The VM executor on the real QEMU and guest; builder VMs restore a boot checkpoint unless <paramref name="coldBoot"/>.</summary>
    public static VmActionExecutor Executor(bool coldBoot = false) => new(
        new VmExecutorOptions { Qemu = QemuEnvironment.Qemu, Guest = QemuEnvironment.Guest, CacheRoot = QemuEnvironment.CacheRoot, FromBootCheckpoint = !coldBoot }, ProcessRunner.Default);

    public static async Task<ImageFactory> FactoryAsync(string store) => new(await LayerStore.OpenAsync(store, QemuEnvironment.QemuImg), ProcessRunner.Default);

    /// <summary>Writes a vmconfig file with the given action elements and edges (base "debian" first).</summary>
    public static string WriteDag(string directory, string name, string actions, string edges = "")
    {
        var path = Path.Combine(directory, name + ".vmconfig.xml");
        File.WriteAllText(path, $"<vmconfig xmlns=\"urn:vmmiddleware:vmconfig:1\" name=\"{name}\"><actions><base id=\"debian\" ref=\"debian-bookworm\"/>{actions}</actions><edges>{edges}</edges></vmconfig>");
        return path;
    }

    /// <summary>Every layer in the store: no temporary file, every committed layer passes qemu-img check and names its parent's layer relatively.</summary>
    public static async Task AssertConsistentAsync(string store)
    {
        var opened = await LayerStore.OpenAsync(store, QemuEnvironment.QemuImg);
        Assert.IsEmpty(Directory.GetFiles(Path.Combine(store, "layers"), ".tmp-*"), "temporary layers left");
        foreach (var state in opened.List())
        {
            Assert.AreEqual(0, ImageTools.Run("qemu-img", "check", "-U", state.LayerPath).ExitCode, "qemu-img check " + state.LayerPath);
            using var info = JsonDocument.Parse(ImageTools.Run("qemu-img", "info", "-U", "--output=json", state.LayerPath).EnsureSuccess().StandardOutput);
            var backing = info.RootElement.TryGetProperty("backing-filename", out var b) ? b.GetString() : null;
            Assert.AreEqual(state.Manifest.ParentId is { } parent ? LayerStore.LayerFileName(parent) : null, backing, state.Id);
        }
    }
}
