using VmMiddleware.Host.Locking;

namespace VmMiddleware.Store.Sessions;

/// <summary>One writer's claim on its temporary files and scratch directory: while its lock is held, recovery in any process leaves them alone.</summary>
public sealed class StoreSession : IDisposable
{
    private readonly string temporaries;
    private readonly string work;
    private readonly FileLock held;

    internal StoreSession(string id, string temporaries, string work, FileLock held)
    {
        Id = id;
        this.temporaries = temporaries;
        this.work = work;
        this.held = held;
    }

    /// <summary>Gets the session id (12 hex digits), part of every temporary name.</summary>
    public string Id { get; }

    /// <summary>Returns the path of this session's temporary file number <paramref name="n"/>: <c>.tmp-ID-N</c> and <paramref name="extension"/> in the temporaries directory.</summary>
    /// <param name="n">The file's number within the session.</param>
    /// <param name="extension">An extension such as ".qcow2", or none.</param>
    public string TemporaryPath(int n, string extension = "") => Path.Combine(temporaries, $".tmp-{Id}-{n}{extension}");

    /// <summary>Creates (if needed) and returns this session's scratch directory, <c>work/ID</c>.</summary>
    public string ScratchDirectory() => Directory.CreateDirectory(Path.Combine(work, Id)).FullName;

    /// <summary>Deletes the session's remaining temporary files and scratch directory, then releases and deletes its lock.</summary>
    public void Dispose()
    {
        foreach (var file in Directory.EnumerateFiles(temporaries, $".tmp-{Id}-*"))
        {
            File.Delete(file);
        }

        var scratch = Path.Combine(work, Id);
        if (Directory.Exists(scratch))
        {
            Directory.Delete(scratch, recursive: true);
        }

        // Deleted while held: recovery only ever probes a session lock under the store lock, and a session id is never reused.
        File.Delete(held.Path);
        held.Dispose();
    }
}
