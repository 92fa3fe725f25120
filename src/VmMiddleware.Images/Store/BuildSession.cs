using VmMiddleware.Host.Locking;

namespace VmMiddleware.Images.Store;

/// <summary>One build's claim on its temporary layers: while the session lock is held, recovery leaves its <c>.tmp-ID-*</c> files alone.</summary>
internal sealed class BuildSession(LayerStore store, string id, FileLock sessionLock) : IDisposable
{
    public string Id => id;

    /// <summary>Returns the path of this session's temporary file number <paramref name="n"/> in the layers directory.</summary>
    public string TempLayerPath(int n, string extension = "qcow2") => Path.Combine(store.LayersDirectory, $".tmp-{id}-{n}.{extension}");

    /// <summary>Deletes the session's remaining temporary files and releases its lock.</summary>
    public void Dispose()
    {
        foreach (var file in Directory.EnumerateFiles(store.LayersDirectory, $".tmp-{id}-*"))
        {
            File.Delete(file);
        }

        var path = sessionLock.Path;
        sessionLock.Dispose();
        File.Delete(path);
    }
}
