namespace VmMiddleware.Remote.Transfer;

/// <summary>The gateway-side directory layout under one root (by default ~/.cache/vmmiddleware/gateway): a content-addressed blob area and the job directories built from it.</summary>
/// <remarks>
/// <code>
/// ROOT/blobs/sha256/HEX   complete blobs: the objects of the gateway's content store (GatewayStore), read-only
/// ROOT/blobs/entries/...  the store's entry files, locks, temporaries and sessions
/// ROOT/partial/HEX        uploads in progress, appended in order; a new upload continues from their length
/// ROOT/jobs/ID/           one directory per job: each shipped file a hard link to its blob, plus what the job writes
/// </code>
/// A blob enters blobs/ only after its hash was checked on the gateway (by the store's commit in <c>vmgrid job stage</c>, or by
/// sha256sum for the launcher that runs it), so blobs/ never holds a partial or corrupt file, and a job directory links only
/// complete blobs. Hard links keep a job's files alive when the store evicts a blob.
/// </remarks>
public static class GatewayLayout
{
    /// <summary>The blob directory under the root.</summary>
    public const string Blobs = "blobs/sha256";

    /// <summary>The partial-upload directory under the root.</summary>
    public const string Partial = "partial";

    /// <summary>The job directories' parent under the root.</summary>
    public const string Jobs = "jobs";

    /// <summary>Returns the absolute path of blob <paramref name="sha256"/>.</summary>
    public static string Blob(string root, string sha256) => $"{root}/{Blobs}/{sha256}";

    /// <summary>Returns the absolute path of the partial upload of <paramref name="sha256"/>.</summary>
    public static string PartialBlob(string root, string sha256) => $"{root}/{Partial}/{sha256}";

    /// <summary>Returns the absolute path of job <paramref name="name"/>'s directory.</summary>
    public static string Job(string root, string name) => $"{root}/{Jobs}/{name}";
}
