using System.Text.Json;

namespace VmMiddleware.Store.Entries;

/// <summary>What a caller says about an entry it adds or commits.</summary>
public sealed record EntryRequest
{
    /// <summary>Gets the key: required in a store of named keys; in a content-addressed store null (the content's SHA-256) or that SHA-256.</summary>
    public string? Key { get; init; }

    /// <summary>Gets the SHA-256 the content must have (hex, or <c>sha256:</c> and hex), or null to accept whatever it hashes to.</summary>
    public string? ExpectedSha256 { get; init; }

    /// <summary>Gets the SHA-256 the caller has already computed of the staged file as it is (a download it verified), so <see cref="ContentStore.CommitAsync"/> does not hash it again; ignored when the store rebases the file first.</summary>
    public string? StagedSha256 { get; init; }

    /// <summary>Gets the key of the entry this layer is backed by, or null; it must be in the store when the entry is committed.</summary>
    public string? Parent { get; init; }

    /// <summary>Gets the configuration's own description of the entry, kept in its entry file.</summary>
    public JsonElement? Metadata { get; init; }

    /// <summary>Gets the mode the object file ends with, or null to leave it as written (a copied object is owner-only while it is written).</summary>
    public UnixFileMode? Mode { get; init; }

    /// <summary>Gets a value indicating whether the entry and its chain are leased in the same step as the commit, so no trim can take them before they are used.</summary>
    public bool Lease { get; init; }

    /// <summary>Gets a value indicating whether a <see cref="Configuration.ChainMode.Linked"/> layer's header already names its parent's object (it may be open in QEMU as a backing file), so it is not rebased.</summary>
    public bool BackingNamed { get; init; }

    /// <summary>Gets how messages name the source (a file name, a URL); "the source" by default.</summary>
    public string SourceName { get; init; } = "the source";
}
