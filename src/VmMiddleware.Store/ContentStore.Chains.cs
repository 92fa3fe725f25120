using System.Text.Json;
using VmMiddleware.Host.Processes;
using VmMiddleware.Store.Verification;

namespace VmMiddleware.Store;

/// <summary>Layer chains on disk: which entry a qcow2 object's header points to, for recovery of objects whose entry was lost.</summary>
public sealed partial class ContentStore
{
    /// <summary>Returns the key of the object file at <paramref name="path"/>, or null when the path is not an object of this store.</summary>
    public string? KeyOfObject(string path)
    {
        var full = Path.GetFullPath(path);
        var objects = ObjectsDirectory + Path.DirectorySeparatorChar;
        var extension = Options.Layout.ObjectExtension;
        if (!full.StartsWith(objects, StringComparison.Ordinal) || !full.EndsWith(extension, StringComparison.Ordinal))
        {
            return null;
        }

        var relative = full[objects.Length..^extension.Length];
        var key = Options.Layout.FanOut && relative.Length > 3 && relative[2] == Path.DirectorySeparatorChar
            ? relative[..2] + relative[3..]
            : relative;
        return IsKey(key) && ObjectPath(key) == full ? key : null;
    }

    /// <summary>Tells which entry an object's qcow2 header names as its backing file: found by path among the objects, else (content-addressed) by hashing it.</summary>
    /// <returns>Known false when the header cannot be read or names a file that is neither; else the parent's key, or null for a standalone object.</returns>
    private async Task<(bool Known, string? Parent)> ParentOfAsync(string path, CancellationToken cancellationToken)
    {
        string? backing;
        try
        {
            // Only for objects whose entry was lost (full recovery): one short qemu-img info each.
            backing = (await Options.QemuImg!.InfoAsync(path, cancellationToken).ConfigureAwait(false)).FullBackingFile;
        }
        catch (Exception e) when (e is ProcessFailedException or JsonException)
        {
            return (false, null);
        }

        if (backing is null)
        {
            return (true, null);
        }

        var parent = KeyOfObject(backing);
        if (parent is null && Options.Keys == Configuration.KeyKind.ContentSha256 && File.Exists(backing))
        {
            parent = ContentDigest.OfFile(backing);
        }

        return (parent is not null, parent);
    }
}
