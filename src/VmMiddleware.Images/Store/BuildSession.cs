using VmMiddleware.Store.Sessions;

namespace VmMiddleware.Images.Store;

/// <summary>One build's claim on its temporary layers and scratch directory: while its session lock is held, recovery leaves its <c>.tmp-ID-*</c> files and <c>work/ID</c> alone.</summary>
internal sealed class BuildSession(StoreSession session) : IDisposable
{
    public string Id => session.Id;

    /// <summary>Returns the path of this session's temporary file number <paramref name="n"/> in the layers directory.</summary>
    public string TempLayerPath(int n, string extension = "qcow2") => session.TemporaryPath(n, "." + extension);

    /// <summary>Creates (if needed) and returns the build's scratch directory.</summary>
    public string WorkDirectory() => session.ScratchDirectory();

    /// <summary>Deletes the session's remaining temporary files and scratch directory and releases its lock.</summary>
    public void Dispose() => session.Dispose();
}
