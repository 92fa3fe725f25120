using VmMiddleware.Host.Locking;
using VmMiddleware.Host.Durability;

namespace VmMiddleware.Images.Store;

public sealed partial class LayerStore
{
    private static readonly TimeSpan StaleTemporary = TimeSpan.FromMinutes(1);

    /// <summary>Removes what dead builds left: their temporary layers and scratch directories, layers that never got a manifest, and states whose parent is gone.</summary>
    /// <returns>The number of files and states removed.</returns>
    public int Recover()
    {
        var removed = 0;
        foreach (var temp in Directory.EnumerateFiles(LayersDirectory, ".tmp-*").ToList())
        {
            var session = Path.GetFileName(temp)[".tmp-".Length..].Split('-')[0];
            var lockPath = Path.Combine(LocksDirectory, "build-" + session + ".lock");
            using var sessionLock = FileLock.TryAcquire(lockPath);
            if (sessionLock is not null)
            {
                File.Delete(temp);
                File.Delete(lockPath);
                removed++;
            }
        }

        // A dead build's scratch directory (seed, builder VM disks, console log): its session lock is free.
        var work = Path.Combine(Root, "work");
        foreach (var dir in Directory.Exists(work) ? Directory.EnumerateDirectories(work).ToList() : [])
        {
            var lockPath = Path.Combine(LocksDirectory, "build-" + Path.GetFileName(dir) + ".lock");
            using var sessionLock = FileLock.TryAcquire(lockPath);
            if (sessionLock is not null)
            {
                Directory.Delete(dir, recursive: true);
                File.Delete(lockPath);
                removed++;
            }
        }

        // Temporary manifests, pins and logs live for milliseconds; one a minute old belongs to a dead process.
        foreach (var temp in Directory.EnumerateFiles(StatesDirectory, ".tmp-*").Concat(Directory.EnumerateFiles(LogsDirectory, ".tmp-*")).ToList())
        {
            if (Time.GetUtcNow() - File.GetLastWriteTimeUtc(temp) > StaleTemporary)
            {
                File.Delete(temp);
                removed++;
            }
        }

        foreach (var layer in Directory.EnumerateFiles(LayersDirectory, "*.qcow2").Where(f => !Path.GetFileName(f).StartsWith('.')).ToList())
        {
            var id = Path.GetFileNameWithoutExtension(layer);
            if (File.Exists(ManifestPath(id)))
            {
                continue;
            }

            // A layer renamed into place whose manifest is not written yet: orphaned unless its committer still holds the state lock.
            using var stateLock = TryLockState(id);
            if (stateLock is not null && !File.Exists(ManifestPath(id)))
            {
                File.Delete(layer);
                File.Delete(Path.Combine(LogsDirectory, id + ".log"));
                removed++;
            }
        }

        bool again;
        do
        {
            again = false;
            var states = List();
            var ids = states.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var broken in states.Where(s => !File.Exists(s.LayerPath) || (s.Manifest.ParentId is { } p && !ids.Contains(p))))
            {
                using var stateLock = TryLockState(broken.Id);
                if (stateLock is not null)
                {
                    Delete(broken);
                    removed++;
                    again = true;
                }
            }
        }
        while (again);

        if (removed > 0)
        {
            DurableFile.SyncDirectory(LayersDirectory);
        }

        return removed;
    }

    /// <summary>Uncommits and removes <paramref name="state"/>: manifest first (so no half state is ever visible), then pin, layer and log.</summary>
    private void Delete(StoredState state)
    {
        File.Delete(ManifestPath(state.Id));
        DurableFile.SyncDirectory(StatesDirectory);
        File.Delete(PinPath(state.Id));
        File.Delete(state.LayerPath);
        File.Delete(Path.Combine(LogsDirectory, state.Id + ".log"));
    }
}
