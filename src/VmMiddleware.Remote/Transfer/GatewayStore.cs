using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VmMiddleware.Store.Configuration;

namespace VmMiddleware.Remote.Transfer;

/// <summary>The gateway's blob area as a configuration of the content store: blobs by SHA-256 under ROOT/blobs, no chains, trimmed to a cap by each stage once its job directory is built.</summary>
/// <remarks>
/// The objects stay where the gateway kept them before the store (<c>ROOT/blobs/sha256/HEX</c>, flat), so a root an older vmgrid filled is
/// adopted by the first open (each blob an object without entry: its name is its key, which sha256sum checked before it entered), and an older client
/// that still commits by <c>sha256sum</c> and <c>mv</c> adds objects the next open adopts the same way. The store's own files sit beside them:
/// <c>blobs/entries</c>, <c>blobs/tmp</c>, <c>blobs/locks</c>, <c>blobs/work</c>. Leases do not hash: every object was hashed before it
/// entered, and each job directory's hard link changes the object's status-change time, so a stamp check would hash every content
/// on every stage.
/// </remarks>
public static class GatewayStore
{
    /// <summary>The cap a stage trims the store to when the client names none: 20 GiB.</summary>
    public const long DefaultCapBytes = 20L << 30;

    /// <summary>Gets the directory names under the gateway root.</summary>
    public static StoreLayout Layout { get; } = new()
    {
        Objects = GatewayLayout.Blobs,
        FanOut = false,
        Temporaries = "blobs/tmp",
        Entries = "blobs/entries",
        Locks = "blobs/locks",
        Work = "blobs/work",
    };

    /// <summary>Returns the store options for the gateway root <paramref name="root"/>.</summary>
    /// <param name="root">The gateway root (absolute).</param>
    /// <param name="time">The clock for last-use times.</param>
    /// <param name="logger">Hears of evictions, corrupt blobs and recovery, or null.</param>
    public static StoreOptions Options(string root, TimeProvider time, ILogger? logger = null) => new()
    {
        Root = root,
        Layout = Layout,
        Keys = KeyKind.ContentSha256,
        Chains = ChainMode.None,
        VerifyOnLease = false,
        Time = time,
        Logger = logger ?? NullLogger.Instance,
    };
}
