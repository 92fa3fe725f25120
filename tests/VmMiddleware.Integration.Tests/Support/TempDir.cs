namespace VmMiddleware.Integration.Tests.Support;

/// <summary>A temporary directory removed with everything in it (read-only cache objects included).</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir() => Path = Directory.CreateTempSubdirectory("vmgrid-it-").FullName;

    public string Path { get; }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
