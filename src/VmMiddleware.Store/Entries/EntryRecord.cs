using System.Text.Json;
using VmMiddleware.Store.Verification;

namespace VmMiddleware.Store.Entries;

/// <summary>The on-disk form of one entry file, <c>entries/KEY.json</c>; writing it is an entry's commit point and its modification time is the entry's last use.</summary>
internal sealed record EntryRecord
{
    /// <summary>The format version this code writes.</summary>
    public const int CurrentVersion = 1;

    public int Version { get; init; } = CurrentVersion;

    public required string Key { get; init; }

    public string? Parent { get; init; }

    public long Size { get; init; }

    public required string Sha256 { get; init; }

    public DateTimeOffset CreatedUtc { get; init; }

    public bool Pinned { get; init; }

    public FileStamp? Verified { get; init; }

    public JsonElement? Metadata { get; init; }
}
