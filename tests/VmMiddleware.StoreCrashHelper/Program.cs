using VmMiddleware.Host.DiskImages;
using VmMiddleware.Host.Processes;
using VmMiddleware.Images.Store;

namespace VmMiddleware.StoreCrashHelper;

/// <summary>Commits real qcow2 layers into a store forever, so an integration test can kill -9 it at any point and check the store on reopen.</summary>
/// <remarks>Usage: StoreCrashHelper STORE_DIR BASE_QCOW2. Prints "ready" once the loop starts.</remarks>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var store = LayerStore.Open(args[0], new QemuImg(ProcessRunner.Default, new QemuImgOptions("qemu-img")));
        var states = store.List();
        var parent = states.Count > 0 ? states[^1].Id : null;
        using var session = store.BeginSession();
        Console.Out.WriteLine("ready");
        Console.Out.Flush();
        for (var n = 0; ; n++)
        {
            var id = Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N");
            var temp = session.TempLayerPath(n);
            if (parent is null)
            {
                await store.QemuImg.ConvertAsync(args[1], temp, "qcow2");
            }
            else
            {
                await store.QemuImg.CreateOverlayAsync(temp, LayerStore.LayerFileName(parent));
            }

            // Some data so the layer is more than a header.
            await File.AppendAllTextAsync(Path.Combine(store.Root, "progress"), n + "\n");
            using var held = store.TryLockState(id) ?? throw new InvalidOperationException("lock");
            var hashes = (parent is null ? [] : store.Find(parent)!.Manifest.NodeHashes).Append(id).ToList();
            var manifest = new StateManifest(id, hashes, parent, "crash-test", 0, 0, default, null, new Dictionary<string, string>(), null);
            await store.CommitAsync(temp, manifest, "log " + n);
            parent = id;
        }
    }
}
