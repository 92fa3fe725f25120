using VmMiddleware.Host.DiskImages;
using VmMiddleware.Images.Store;

namespace VmMiddleware.StoreCrashHelper;

/// <summary>The factory's layer store: real qcow2 layers committed on top of each other, trimmed, recovered.</summary>
internal static class FactoryOperations
{
    public static async Task RunAsync(string operation, string root, string baseImage, QemuImg qemuImg, Action<string>? hook)
    {
        var store = await LayerStore.OpenAsync(LayerStore.Configuration(root, qemuImg) with { CrashPoint = hook });
        Program.Say("ready");
        switch (operation)
        {
            case "insert":
                await CommitAsync(store, baseImage, 0);
                break;
            case "insert-loop":
                for (var n = 0; ; n++)
                {
                    Program.Say("committed " + await CommitAsync(store, baseImage, n));
                }

            case "evict":
                store.Evict(0);
                break;
            case "recover":
                break; // opening recovered it
            default:
                throw new ArgumentException("unknown operation " + operation);
        }
    }

    /// <summary>Commits one layer on top of the longest chain (the base image converted when the store is empty); returns its id.</summary>
    private static async Task<string> CommitAsync(LayerStore store, string baseImage, int n)
    {
        var parent = store.List().OrderByDescending(s => store.Chain(s.Id).Count).FirstOrDefault();
        var id = Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N");
        using var session = store.BeginSession();
        var temp = session.TempLayerPath(n);
        if (parent is null)
        {
            await store.QemuImg.ConvertAsync(baseImage, temp, "qcow2");
        }
        else
        {
            await store.QemuImg.CreateOverlayAsync(temp, LayerStore.LayerFileName(parent.Id));
        }

        await File.AppendAllTextAsync(Path.Combine(store.Root, "progress"), n + "\n");
        using var held = store.TryLockState(id) ?? throw new InvalidOperationException("lock");
        var hashes = (parent?.Manifest.NodeHashes ?? []).Append(id).ToList();
        var manifest = new StateManifest(id, hashes, parent?.Id, "crash-test", 0, 0, default, null, new Dictionary<string, string>(), null);
        await store.CommitAsync(temp, manifest, "log " + n);
        return id;
    }
}
