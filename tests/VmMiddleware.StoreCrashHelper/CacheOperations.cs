using VmMiddleware.Host.DiskImages;
using VmMiddleware.Qemu.Cache;

namespace VmMiddleware.StoreCrashHelper;

/// <summary>The execute-side image cache: images added (a qcow2 layer finds its cached base), trimmed, recovered.</summary>
internal static class CacheOperations
{
    /// <summary>A cap small enough that the insert loop evicts as it goes.</summary>
    private const long LoopCapBytes = 3L << 20;

    public static async Task RunAsync(string operation, string root, string image, QemuImg qemuImg, Action<string>? hook)
    {
        var cap = operation == "insert-loop" ? LoopCapBytes : 1L << 40;
        var cache = await ImageCache.OpenAsync(ImageCache.Configuration(root, cap, TimeProvider.System, qemuImg) with { CrashPoint = hook });
        Program.Say("ready");
        switch (operation)
        {
            case "insert":
                await cache.AddAsync(image, null, CancellationToken.None);
                break;
            case "insert-loop":
                var scratch = Directory.CreateDirectory(Path.Combine(Path.GetDirectoryName(image)!, "loop-" + Environment.ProcessId)).FullName;
                var random = new Random();
                for (var n = 0; ; n++)
                {
                    var path = Path.Combine(scratch, n + ".raw");
                    var bytes = new byte[1 << 20];
                    random.NextBytes(bytes);
                    await File.WriteAllBytesAsync(path, bytes);
                    Program.Say("added " + (await cache.AddAsync(path, null, CancellationToken.None)).Id);
                    File.Delete(path);
                }

            case "evict":
                cache.Trim(0);
                break;
            case "recover":
                break; // opening recovered it
            default:
                throw new ArgumentException("unknown operation " + operation);
        }
    }
}
