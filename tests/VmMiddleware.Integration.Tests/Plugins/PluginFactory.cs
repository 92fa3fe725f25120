using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using VmMiddleware.Factory.Configuration;
using VmMiddleware.Factory.Hosting;
using VmMiddleware.Images.Store;
using VmMiddleware.Integration.Tests.Factory;
using VmMiddleware.Integration.Tests.Images;

namespace VmMiddleware.Integration.Tests.Plugins;

/// <summary>
/// The real factory service (in-process Kestrel behind the factory's TLS, the test PKI) over a store of small synthetic qcow2 states made
/// with qemu-img and committed through the factory's own layer store, so the plugin tests download real layer chains in seconds.
/// </summary>
internal sealed class PluginFactory : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly LayerStore _store;

    private PluginFactory(WebApplication app, LayerStore store, string root)
    {
        _app = app;
        _store = store;
        Root = root;
        Url = FactoryApplication.ListeningUrl(app);
    }

    /// <summary>Gets the service's https://127.0.0.1:PORT/ URL.</summary>
    public Uri Url { get; }

    /// <summary>Gets the rig's scratch directory (store, data, the plugin's caches and job directories go below it).</summary>
    public string Root { get; }

    /// <summary>Gets the service's HOST:PORT, as a vmimage:// URL names it.</summary>
    public string Authority => Url.Authority;

    /// <summary>Starts the service; <paramref name="artifacts"/> is the directory whose files it publishes by SHA-256 (default: an empty one).</summary>
    public static async Task<PluginFactory> StartAsync(string? artifacts = null)
    {
        var root = Directory.CreateTempSubdirectory("vmgrid-plugin-it-").FullName;
        var store = Path.Combine(root, "store");
        var config = Path.Combine(root, "factory.conf");
        File.WriteAllText(config, $"""
            listen = 127.0.0.1:0
            certificate = {FactoryRig.Pki.HostCertificate}
            private-key = {FactoryRig.Pki.HostKey}
            trust-directory = {FactoryRig.Pki.TrustDirectory}
            grid-mapfile = {FactoryRig.Pki.GridMapfile}
            data-directory = {Path.Combine(root, "data")}
            store-directory = {store}
            guest-directory = {Directory.CreateDirectory(Path.Combine(root, "guest")).FullName}
            cache-directory = {Directory.CreateDirectory(Path.Combine(root, "cache")).FullName}
            artifact-directory = {artifacts ?? Directory.CreateDirectory(Path.Combine(root, "artifacts")).FullName}
            """);
        var layers = await LayerStore.OpenAsync(store, QemuEnvironment.QemuImg);
        var app = await FactoryApplication.BuildAsync(SettingsReader.Read(config), new FactoryHostOptions { LogLevel = Microsoft.Extensions.Logging.LogLevel.Warning });
        await app.StartAsync();
        return new PluginFactory(app, layers, root);
    }

    /// <summary>Commits a new state of about <paramref name="bytes"/> bytes of random data on <paramref name="parent"/> (null: a base) and returns its id.</summary>
    public async Task<string> AddStateAsync(string? parent, int bytes)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var raw = Path.Combine(Root, id + ".raw");
        await File.WriteAllBytesAsync(raw, RandomNumberGenerator.GetBytes(bytes));
        using var session = _store.BeginSession();
        var temp = session.TempLayerPath(0);
        ImageTools.Run("qemu-img", "convert", "-f", "raw", "-O", "qcow2", raw, temp).EnsureSuccess();
        File.Delete(raw);
        var manifest = new StateManifest(id, [], parent, "test:random", 0, bytes, DateTimeOffset.UtcNow, null, new Dictionary<string, string>(), null);
        await _store.CommitAsync(temp, manifest, log: null);
        return id;
    }

    /// <summary>Gets the directory whose files the service publishes at /v1/artifacts (unless another was given).</summary>
    public string Artifacts => Path.Combine(Root, "artifacts");

    /// <summary>Gets the path of state <paramref name="id"/>'s layer in the service's store.</summary>
    public string LayerPath(string id) => _store.LayerPath(id);

    /// <summary>Gets the SHA-256 and size the service lists for state <paramref name="id"/>.</summary>
    public (string Sha256, long Size) Layer(string id) => _store.Find(id) is { } s ? (s.Sha256!, new FileInfo(s.LayerPath).Length) : throw new AssertFailedException("no state " + id);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        foreach (var file in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories))
        {
            File.SetAttributes(file, FileAttributes.Normal);
        }

        Directory.Delete(Root, recursive: true);
    }
}
