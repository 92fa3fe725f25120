using VmMiddleware.Translation.Staging;

namespace VmMiddleware.Translation.Tests.Staging;

/// <summary>A factory that holds the given files: images by path (state id, same bytes or not), published files by path (their SHA-256).</summary>
internal sealed class FakeFactoryContent(params (string Path, string State, bool SameBytes)[] held) : IFactoryContent
{
    public List<string> Asked { get; } = [];

    public string Authority => "f.example:8443";

    public Task<FactoryLookup> FindImageAsync(string path, CancellationToken cancellationToken) => Task.FromResult(Find(path));

    public Task<FactoryLookup> FindArtifactAsync(string path, CancellationToken cancellationToken) => Task.FromResult(Find(Path.GetFileName(path)));

    private FactoryLookup Find(string path)
    {
        Asked.Add(path);
        return held.FirstOrDefault(h => h.Path == path) is { State: not null } h
            ? new FactoryLookup(h.State, h.SameBytes, "test")
            : new FactoryLookup(null, false, "not asked about it");
    }
}
