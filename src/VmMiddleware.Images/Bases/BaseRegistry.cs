using System.Text.Json;
using VmMiddleware.Images.Dag;
using VmMiddleware.Host.Durability;

namespace VmMiddleware.Images.Bases;

/// <summary>The bases a store knows by name: operators register disk images (with their kernel) or stock cloud images; "debian-bookworm" is the built-in reference base.</summary>
/// <param name="directory">The store's bases directory (one NAME.json per base).</param>
/// <param name="time">The clock for registration times.</param>
public sealed class BaseRegistry(string directory, TimeProvider time)
{
    /// <summary>The name of the built-in reference base.</summary>
    public const string ReferenceName = "debian-bookworm";


    /// <summary>Registers (or replaces) <paramref name="name"/>: hashes the image, so its identity follows its content.</summary>
    /// <param name="name">The name requests will use; not the reference base's name.</param>
    /// <param name="kind">Disk or cloud image.</param>
    /// <param name="imagePath">The image file.</param>
    /// <param name="format">Its format, or null to let qemu-img detect it.</param>
    /// <param name="kernel">The kernel that boots it (disk images), or null.</param>
    public RegisteredBase Register(string name, BaseKind kind, string imagePath, string? format, string? kernel)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name == ReferenceName || kind == BaseKind.Reference)
        {
            throw new ArgumentException($"'{ReferenceName}' is the built-in reference base; choose another name", nameof(name));
        }

        var image = Path.GetFullPath(imagePath);
        var identity = kind.ToString().ToLowerInvariant() + ":" + ContentHasher.HashFile(image) + (kernel is null ? string.Empty : ":" + ContentHasher.HashFile(kernel));
        var entry = new RegisteredBase(name, kind, image, format, kernel is null ? null : Path.GetFullPath(kernel), identity, time.GetUtcNow());
        DurableFile.WriteAllBytes(Path.Combine(directory, name + ".json"), JsonSerializer.SerializeToUtf8Bytes(entry, StoreJsonContext.Default.RegisteredBase));
        return entry;
    }

    /// <summary>Returns the base named <paramref name="name"/>, or null; the reference base is always known.</summary>
    public RegisteredBase? Find(string name)
    {
        if (name == ReferenceName)
        {
            return new RegisteredBase(ReferenceName, BaseKind.Reference, null, "qcow2", null, "reference:" + ReferenceBaseRecipe.Default.Key, DateTimeOffset.UnixEpoch);
        }

        var path = Path.Combine(directory, name + ".json");
        return File.Exists(path) ? JsonSerializer.Deserialize(File.ReadAllBytes(path), StoreJsonContext.Default.RegisteredBase) : null;
    }

    /// <summary>Lists the registered bases, the reference base first.</summary>
    public IReadOnlyList<RegisteredBase> List() =>
        [Find(ReferenceName)!, .. Directory.EnumerateFiles(directory, "*.json").Select(f => Find(Path.GetFileNameWithoutExtension(f))).OfType<RegisteredBase>().OrderBy(b => b.Name, StringComparer.Ordinal)];

    /// <summary>Returns the identity hashed into a base node: a registered base's identity, or a file base's content hash.</summary>
    /// <exception cref="KeyNotFoundException">The base names an unregistered base.</exception>
    public string Identity(BaseAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (action.Path is { } path)
        {
            return "file:" + ContentHasher.HashFile(path);
        }

        return Find(action.Ref!)?.Identity
            ?? throw new KeyNotFoundException($"no base named '{action.Ref}' is registered; known: {string.Join(", ", List().Select(b => b.Name))}");
    }
}
