using System.Text.Json;
using VmMiddleware.Store.Verification;

namespace VmMiddleware.Store.Entries;

/// <summary>One committed entry as the store sees it now; <see cref="ObjectPath"/> is only safe to open while a lease is held.</summary>
public sealed record StoreEntry
{
    /// <summary>Gets the entry's key.</summary>
    public required string Key { get; init; }

    /// <summary>Gets the absolute path of the entry's object file.</summary>
    public required string ObjectPath { get; init; }

    /// <summary>Gets the SHA-256 of the object's content, 64 lower-case hex digits.</summary>
    public required string Sha256 { get; init; }

    /// <summary>Gets the object's size in bytes.</summary>
    public long Size { get; init; }

    /// <summary>Gets the key of the entry this layer is backed by, or null for a base or a blob.</summary>
    public string? Parent { get; init; }

    /// <summary>Gets when the entry was committed.</summary>
    public DateTimeOffset CreatedUtc { get; init; }

    /// <summary>Gets when the entry was last committed, leased or touched (a parent is touched with its layers).</summary>
    public DateTimeOffset LastUsedUtc { get; init; }

    /// <summary>Gets a value indicating whether eviction must keep the entry (and so its ancestors).</summary>
    public bool Pinned { get; init; }

    /// <summary>Gets a value indicating whether a lease on the entry was held when it was read (only filled in where the reader asked).</summary>
    public bool InUse { get; init; }

    /// <summary>Gets the configuration's own description of the entry, or null.</summary>
    public JsonElement? Metadata { get; init; }

    /// <summary>Gets the stamp of the object file when its content last hashed correctly, or null until then.</summary>
    internal FileStamp? Verified { get; init; }
}
