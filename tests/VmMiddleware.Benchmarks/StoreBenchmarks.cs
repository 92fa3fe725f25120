using BenchmarkDotNet.Attributes;
using VmMiddleware.Host.DiskImages;
using VmMiddleware.Host.Processes;
using VmMiddleware.Images.Store;
using VmMiddleware.Qemu.Cache;

namespace VmMiddleware.Benchmarks;

/// <summary>The stores on their hot paths, through the public API both the old stores and the content-store configurations offer (so one source measures both).</summary>
/// <remarks>The execute cache holds 50 images of 64 KiB; the factory store holds 27 states in three chains of real qcow2 layers.</remarks>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class StoreBenchmarks
{
    private readonly QemuImg qemuImg = new(ProcessRunner.Default, new QemuImgOptions("qemu-img"));
    private string dir = string.Empty;
    private ImageCache cache = null!;
    private ImageCache small = null!;
    private string cachedPath = string.Empty;
    private string cachedId = string.Empty;
    private string[] fresh = [];
    private int next;

    [GlobalSetup]
    public async Task Setup()
    {
        dir = Directory.CreateTempSubdirectory("vmgrid-store-bench-").FullName;
        var random = new Random(3);
        cache = await ImageCache.OpenAsync(Path.Combine(dir, "cache"), 1L << 40, TimeProvider.System, qemuImg);
        for (var i = 0; i < 50; i++)
        {
            cachedPath = Path.Combine(dir, $"image{i}.raw");
            File.WriteAllBytes(cachedPath, Bytes(random, 64 << 10));
            cachedId = (await cache.AddAsync(cachedPath, null, CancellationToken.None)).Id;
        }

        cache.TryGet(cachedId, out var first);
        first.Dispose();
        small = await ImageCache.OpenAsync(Path.Combine(dir, "small"), 3L << 20, TimeProvider.System, qemuImg);
        fresh = Enumerable.Range(0, 8).Select(i => Path.Combine(dir, $"fresh{i}.raw")).ToArray();
        foreach (var path in fresh)
        {
            File.WriteAllBytes(path, Bytes(random, 1 << 20));
        }

        await BuildFactoryStoreAsync(Path.Combine(dir, "factory"));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var file in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories))
        {
            File.SetAttributes(file, FileAttributes.Normal);
        }

        Directory.Delete(dir, recursive: true);
    }

    /// <summary>What a launcher does for a cached image: lease it (its stamp matches, so no hash) and let it go.</summary>
    [Benchmark]
    public bool CacheLease()
    {
        var found = cache.TryGet(cachedId, out var lease);
        lease.Dispose();
        return found;
    }

    /// <summary>An insert whose content is already cached (the expected id is known).</summary>
    [Benchmark]
    public string CacheAddKnown() => cache.AddAsync(cachedPath, cachedId, CancellationToken.None).GetAwaiter().GetResult().Id;

    /// <summary>A new 1 MiB image into a cache capped at 3 MiB: copy, hash, fsync, commit, and one eviction.</summary>
    [Benchmark]
    public string CacheAddAndTrim() => small.AddAsync(fresh[next++ % fresh.Length], null, CancellationToken.None).GetAwaiter().GetResult().Id;

    /// <summary>Opening the 50-image cache: its crash recovery, as every launcher run with an image pays it.</summary>
    [Benchmark]
    public async Task<long> CacheOpen() => (await ImageCache.OpenAsync(Path.Combine(dir, "cache"), 1L << 40, TimeProvider.System, qemuImg)).CapBytes;

    /// <summary>The store's part of a factory exact hit: open (recovery) and list the states the planner sees.</summary>
    [Benchmark]
    public async Task<int> FactoryOpenAndPlan() => (await LayerStore.OpenAsync(Path.Combine(dir, "factory"), qemuImg)).BuiltStates().Count;

    private static byte[] Bytes(Random random, int size)
    {
        var bytes = new byte[size];
        random.NextBytes(bytes);
        return bytes;
    }

    private async Task BuildFactoryStoreAsync(string root)
    {
        var store = await LayerStore.OpenAsync(root, qemuImg);
        var layers = Path.Combine(root, "layers");
        for (var chain = 0; chain < 3; chain++)
        {
            string? parent = null;
            var hashes = new List<string>();
            for (var n = 0; n < 9; n++)
            {
                var id = $"{chain:x2}{n:x2}" + new string('c', 60);
                var temp = Path.Combine(layers, $".tmp-bench{chain}{n}-0.qcow2");
                if (parent is null)
                {
                    await qemuImg.CreateAsync(temp, "qcow2", 1 << 20);
                }
                else
                {
                    await qemuImg.CreateOverlayAsync(temp, LayerStore.LayerFileName(parent));
                }

                hashes.Add(id);
                var manifest = new StateManifest(id, [.. hashes], parent, "bench", 0, 1 << 20, default, null, new Dictionary<string, string>(), null);
                await store.CommitAsync(temp, manifest, "log");
                parent = id;
            }
        }
    }
}
