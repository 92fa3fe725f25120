using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using VmMiddleware.Host.DiskImages;
using VmMiddleware.Host.Processes;
using VmMiddleware.Qemu.Cache;

namespace VmMiddleware.Qemu.Tests.Cache;

/// <summary>A temporary cache root, a source directory, a fake clock and a fake qcow2 inspector.</summary>
internal sealed class CacheFixture : IDisposable
{
    public CacheFixture()
    {
        Dir = Directory.CreateTempSubdirectory("vmgrid-cache-test-").FullName;
        Directory.CreateDirectory(SourceDir);
    }

    public string Dir { get; }

    public string Root => Path.Combine(Dir, "cache");

    public string SourceDir => Path.Combine(Dir, "src");

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public FakeInspector Inspector { get; } = new();

    public Task<ImageCache> OpenAsync(long cap = 1 << 20) => ImageCache.OpenAsync(Root, cap, Time, Inspector.QemuImg);

    /// <summary>Writes a source image of <paramref name="size"/> bytes filled from <paramref name="seed"/>; returns its path and id.</summary>
    public (string Path, string Id) Image(string name, int size, byte seed)
    {
        var bytes = new byte[size];
        for (var i = 0; i < size; i++)
        {
            bytes[i] = (byte)(seed + (i * 7));
        }

        bytes[0] = seed;
        var path = System.IO.Path.Combine(SourceDir, name);
        File.WriteAllBytes(path, bytes);
        return (path, CacheId.FromDigest(SHA256.HashData(bytes)));
    }

    public static string IdOf(string text) => CacheId.FromDigest(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public void Dispose()
    {
        foreach (var file in Directory.EnumerateFiles(Dir, "*", SearchOption.AllDirectories))
        {
            File.SetAttributes(file, FileAttributes.Normal);
        }

        Directory.Delete(Dir, recursive: true);
    }

    /// <summary>Stands in for qemu-img info: answers backing files from a table, as qemu-img would for qcow2 layers.</summary>
    internal sealed class FakeInspector : IProcessRunner
    {
        public Dictionary<string, string> Backing { get; } = new(StringComparer.Ordinal);

        public QemuImg QemuImg => new(this, new QemuImgOptions("qemu-img"));

        public Task<ProcessResult> RunAsync(ProcessCommand command, CancellationToken cancellationToken = default)
        {
            Assert.AreEqual("info", command.Arguments[0], "the cache only asks qemu-img info");
            var path = command.Arguments[^1];
            var json = Backing.TryGetValue(Path.GetFileName(path), out var backing)
                ? new JsonObject { ["format"] = "qcow2", ["virtual-size"] = 1, ["backing-filename"] = backing, ["full-backing-filename"] = backing }
                : new JsonObject { ["format"] = "raw", ["virtual-size"] = 1 };
            return Task.FromResult(new ProcessResult(command, 0, json.ToJsonString(), string.Empty));
        }
    }
}
