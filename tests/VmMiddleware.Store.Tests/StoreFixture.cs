using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using VmMiddleware.Host.DiskImages;
using VmMiddleware.Host.Processes;
using VmMiddleware.Store.Configuration;
using VmMiddleware.Store.Entries;

namespace VmMiddleware.Store.Tests;

/// <summary>A store root in a fresh temporary directory, a fake clock and a fake qemu-img, with the two shapes of configuration the project uses.</summary>
internal sealed class StoreFixture : IDisposable
{
    public StoreFixture()
    {
        Dir = Directory.CreateTempSubdirectory("vmgrid-store-unit-").FullName;
    }

    public string Dir { get; }

    public string Root => Path.Combine(Dir, "store");

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public FakeQemuImg Qemu { get; } = new();

    public Action<string>? CrashPoint { get; set; }

    /// <summary>The execute-cache shape: content keys, fanned-out objects, recorded chains, checks on lease.</summary>
    public StoreOptions Content(long? cap = null) => new()
    {
        Root = Root, Keys = KeyKind.ContentSha256, Chains = ChainMode.Recorded, CapBytes = cap, VerifyOnLease = true,
        QemuImg = Qemu.Client, Time = Time, CrashPoint = CrashPoint,
    };

    /// <summary>The factory shape: named keys, one flat directory of qcow2 layers naming their parents, logs as attachments.</summary>
    public StoreOptions Named() => new()
    {
        Root = Root,
        Keys = KeyKind.Named,
        Chains = ChainMode.Linked,
        Layout = new StoreLayout { Objects = "layers", FanOut = false, ObjectExtension = ".qcow2", Temporaries = "layers", Entries = "states", Attachments = ["logs/{key}.log"] },
        QemuImg = Qemu.Client,
        Time = Time,
        CrashPoint = CrashPoint,
    };

    public Task<ContentStore> OpenContentAsync(long? cap = null) => ContentStore.OpenAsync(Content(cap));

    public Task<ContentStore> OpenNamedAsync() => ContentStore.OpenAsync(Named());

    public static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static byte[] Bytes(int size, byte seed)
    {
        var bytes = new byte[size];
        for (var i = 0; i < size; i++)
        {
            bytes[i] = (byte)(seed + (i * 7));
        }

        bytes[0] = seed;
        return bytes;
    }

    /// <summary>Adds <paramref name="size"/> bytes from <paramref name="seed"/> to a content store, as a layer on <paramref name="parent"/>.</summary>
    public async Task<StoreEntry> AddAsync(ContentStore store, int size, byte seed, string? parent = null)
    {
        using var source = new MemoryStream(Bytes(size, seed));
        var commit = await store.AddAsync(source, new EntryRequest { Parent = parent }, CancellationToken.None);
        Time.Advance(TimeSpan.FromMinutes(1));
        return commit.Entry;
    }

    /// <summary>Stages a layer of <paramref name="size"/> bytes in a named store and commits it as <paramref name="key"/> on <paramref name="parent"/>.</summary>
    public async Task<StoreEntry> CommitAsync(ContentStore store, string key, string? parent = null, int size = 100)
    {
        using var session = store.BeginSession();
        var temp = session.TemporaryPath(0, ".qcow2");
        await File.WriteAllBytesAsync(temp, Bytes(size, (byte)key.Length));
        File.WriteAllText(Path.Combine(store.Root, "logs", key + ".log"), "log of " + key);
        var commit = await store.CommitAsync(temp, new EntryRequest { Key = key, Parent = parent }, CancellationToken.None);
        Time.Advance(TimeSpan.FromMinutes(1));
        return commit.Entry;
    }

    public static string IdOf(string text) => Sha(Encoding.UTF8.GetBytes(text));

    public void Dispose()
    {
        foreach (var file in Directory.EnumerateFiles(Dir, "*", SearchOption.AllDirectories))
        {
            File.SetAttributes(file, FileAttributes.Normal);
        }

        Directory.Delete(Dir, recursive: true);
    }

    /// <summary>Stands in for qemu-img: records calls; info answers backing files from a table keyed by file name.</summary>
    internal sealed class FakeQemuImg : IProcessRunner
    {
        public Dictionary<string, string> Backing { get; } = new(StringComparer.Ordinal);

        public List<string> Calls { get; } = [];

        public QemuImg Client => new(this, new QemuImgOptions("qemu-img"));

        public Task<ProcessResult> RunAsync(ProcessCommand command, CancellationToken cancellationToken = default)
        {
            lock (Calls)
            {
                Calls.Add(string.Join(' ', command.Arguments));
            }

            var json = string.Empty;
            if (command.Arguments[0] == "info")
            {
                var path = command.Arguments[^1];
                json = (Backing.TryGetValue(Path.GetFileName(path), out var backing)
                    ? new JsonObject { ["format"] = "qcow2", ["virtual-size"] = 1, ["backing-filename"] = backing, ["full-backing-filename"] = backing }
                    : new JsonObject { ["format"] = "raw", ["virtual-size"] = 1 }).ToJsonString();
            }

            return Task.FromResult(new ProcessResult(command, 0, json, string.Empty));
        }
    }
}
