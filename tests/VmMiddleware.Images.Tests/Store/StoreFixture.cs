using VmMiddleware.Host.DiskImages;
using VmMiddleware.Images.Store;

namespace VmMiddleware.Images.Tests.Store;

/// <summary>A store in a fresh temporary directory with a fake qemu-img and a settable clock.</summary>
internal sealed class StoreFixture : IDisposable
{
    private StoreFixture() => Directory = System.IO.Directory.CreateTempSubdirectory("vmgrid-store-test-").FullName;

    public string Directory { get; }

    public FakeProcessRunner Runner { get; } = new();

    public ManualTime Time { get; } = new();

    public LayerStore Store { get; private set; } = null!;

    /// <summary>Creates the directory and opens the store in it.</summary>
    public static async Task<StoreFixture> CreateAsync()
    {
        var f = new StoreFixture();
        try
        {
            await f.ReopenAsync();
            return f;
        }
        catch
        {
            f.Dispose();
            throw;
        }
    }

    public async Task<LayerStore> ReopenAsync() => Store = await LayerStore.OpenAsync(Directory, new QemuImg(Runner, new QemuImgOptions("qemu-img")), Time);

    /// <summary>Commits a state with <paramref name="bytes"/> of layer data on top of <paramref name="parent"/>.</summary>
    public async Task<StoredState> CommitAsync(string id, string? parent, int bytes = 100)
    {
        var temp = Path.Combine(Store.Root, "layers", $".tmp-test{id}-0.qcow2");
        await File.WriteAllBytesAsync(temp, new byte[bytes]);
        var hashes = (parent is null ? [] : Store.Find(parent)!.Manifest.NodeHashes).Append("h" + id).ToList();
        var manifest = new StateManifest(id, hashes, parent, id + " (script)", 0, 1 << 20, default, null, new Dictionary<string, string>(), null);
        using var held = Store.TryLockState(id);
        var state = await Store.CommitAsync(temp, manifest, "log of " + id);
        Time.Advance(TimeSpan.FromMinutes(1));
        return state;
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
