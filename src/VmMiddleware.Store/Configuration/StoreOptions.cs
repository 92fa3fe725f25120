using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VmMiddleware.Host.DiskImages;

namespace VmMiddleware.Store.Configuration;

/// <summary>One configuration of the content store: where it lives, what its keys are, whether entries are layer chains, and its policies.</summary>
public sealed record StoreOptions
{
    /// <summary>Gets the store's root directory (created when missing).</summary>
    public required string Root { get; init; }

    /// <summary>Gets the directory and file names under <see cref="Root"/>.</summary>
    public StoreLayout Layout { get; init; } = StoreLayout.Default;

    /// <summary>Gets what an entry's key is; content SHA-256 by default.</summary>
    public KeyKind Keys { get; init; } = KeyKind.ContentSha256;

    /// <summary>Gets whether entries are qcow2 layer chains and how a layer names its parent; none by default.</summary>
    public ChainMode Chains { get; init; } = ChainMode.None;

    /// <summary>Gets the size cap in bytes that every insert trims the store down to (least recently used first), or null (the default) to trim only when asked.</summary>
    public long? CapBytes { get; init; }

    /// <summary>Gets a value indicating whether a lease checks the content of every entry in the chain first (a file whose stamp changed since its last check is hashed again; a corrupt entry is removed with its dependants).</summary>
    public bool VerifyOnLease { get; init; }

    /// <summary>Gets the qemu-img client: needed by <see cref="ChainMode.Linked"/> commits, and by <see cref="ChainMode.Recorded"/> recovery to find the parent of an object whose entry was lost.</summary>
    public QemuImg? QemuImg { get; init; }

    /// <summary>Gets the clock that stamps creation and last-use times.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Gets the logger that hears of evictions, corrupt entries and what recovery repaired.</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <summary>Gets how long an operation waits for the store lock (held only for short bookkeeping) before it fails; two minutes by default.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Gets how recovery reads an entry file that is not in the store's format (written by an older version of the configuration), or null to treat such a file as corrupt.</summary>
    /// <remarks>It is given the key and the file's JSON and returns what the entry was, or null when it cannot tell.</remarks>
    public Func<string, JsonElement, LegacyEntry?>? ReadLegacyEntry { get; init; }

    /// <summary>Gets a hook called at named points of inserts, removals and recovery, by which crash tests kill the process exactly there.</summary>
    internal Action<string>? CrashPoint { get; init; }
}
