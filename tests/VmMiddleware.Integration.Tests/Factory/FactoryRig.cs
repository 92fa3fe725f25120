using System.ServiceModel;
using Microsoft.AspNetCore.Builder;
using VmMiddleware.Factory.Configuration;
using VmMiddleware.Factory.Contracts.Security;
using VmMiddleware.Factory.Contracts.Service;
using VmMiddleware.Factory.Contracts.Transport;
using VmMiddleware.Factory.Hosting;
using VmMiddleware.Integration.Tests.Images;

namespace VmMiddleware.Integration.Tests.Factory;

/// <summary>
/// The real factory service on 127.0.0.1 (an in-process Kestrel behind the factory's TLS), with a throwaway PKI and a store that starts
/// with the reference base; builds run in real builder VMs. One shared instance serves the tests that need no service of their own.
/// </summary>
internal sealed class FactoryRig : IAsyncDisposable
{
    private static readonly Lazy<Task<FactoryRig>> LazyShared = new(() => StartAsync("shared", string.Empty));
    private static readonly Lazy<FactoryPki> LazyPki = new(() => FactoryPki.Create(Directory.CreateTempSubdirectory("vmgrid-factory-pki-").FullName));
    private readonly WebApplication _app;

    private FactoryRig(WebApplication app, Uri url, string root, string store, string dags, ServiceSettings settings)
    {
        _app = app;
        Url = url;
        Root = root;
        Store = store;
        Dags = dags;
        Settings = settings;
    }

    public static Task<FactoryRig> Shared => LazyShared.Value;

    public static FactoryPki Pki => LazyPki.Value;

    public Uri Url { get; }

    public string Root { get; }

    public string Store { get; }

    /// <summary>A scratch directory with the examples' data and packages.</summary>
    public string Dags { get; }

    public ServiceSettings Settings { get; }

    public string DataDirectory => Settings.DataDirectory;

    /// <summary>The configuration file text every rig uses (127.0.0.1, port 0, the test PKI, the shared guest and cache), plus <paramref name="extra"/> lines.</summary>
    public static string ConfigText(string data, string store, string extra, int buildConcurrency = 2) => $"""
        listen = 127.0.0.1:0
        certificate = {Pki.HostCertificate}
        private-key = {Pki.HostKey}
        trust-directory = {Pki.TrustDirectory}
        grid-mapfile = {Pki.GridMapfile}
        data-directory = {data}
        store-directory = {store}
        guest-directory = {QemuEnvironment.Guest.Directory}
        cache-directory = {QemuEnvironment.CacheRoot}
        build-concurrency = {buildConcurrency}
        quota-builds = 60
        quota-builds.carol = 1
        quota-bytes.frank = 0
        max-request = 4M
        {extra}
        """;

    /// <summary>Starts a service of its own, with a store holding only the reference base.</summary>
    public static async Task<FactoryRig> StartAsync(string name, string extraConfig)
    {
        var (store, dags) = await VmFactory.NewStoreAsync("service-" + name);
        var root = Path.GetDirectoryName(store)!;
        var config = Path.Combine(root, "factory.conf");
        File.WriteAllText(config, ConfigText(Path.Combine(root, "data"), store, extraConfig));
        var settings = SettingsReader.Read(config);
        var app = await FactoryApplication.BuildAsync(settings, new FactoryHostOptions { LogLevel = Microsoft.Extensions.Logging.LogLevel.Warning });
        await app.StartAsync();
        return new FactoryRig(app, FactoryApplication.ListeningUrl(app), root, store, dags, settings);
    }

    /// <summary>A WCF client (plain ChannelFactory over the contracts) authenticating with <paramref name="credential"/> (default: alice's proxy).</summary>
    public IImageFactory Wcf(string? credential = null)
    {
        var factory = FactoryClient.Program.Connect(Url, Handler(credential));
        return factory.CreateChannel();
    }

    /// <summary>An HttpClient that speaks the factory's TLS with <paramref name="credential"/> (default: alice's proxy).</summary>
    public HttpClient Http(string? credential = null) => new(Handler(credential)) { BaseAddress = Url };

    public static GsiHttpHandler Handler(string? credential = null) =>
        new(GridCredential.Load(credential ?? Pki.AliceProxy), new TrustDirectory(Pki.TrustDirectory));

    /// <summary>Writes a vmconfig on the reference base with the given actions and returns its text.</summary>
    public static string Dag(string name, string actions, string edges = "") =>
        $"<vmconfig xmlns=\"urn:vmmiddleware:vmconfig:1\" name=\"{name}\"><actions><base id=\"debian\" ref=\"debian-bookworm\"/>{actions}</actions><edges>{edges}</edges></vmconfig>";

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>Stops the shared service and removes the test PKI, when they were made.</summary>
    public static void Cleanup()
    {
        if (LazyShared.IsValueCreated && LazyShared.Value.IsCompletedSuccessfully)
        {
            LazyShared.Value.Result.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        if (LazyPki.IsValueCreated)
        {
            Directory.Delete(LazyPki.Value.Directory, recursive: true);
        }
    }

    /// <summary>Closes a WCF channel.</summary>
    public static void Close(IImageFactory channel) => ((ICommunicationObject)channel).Abort();
}
