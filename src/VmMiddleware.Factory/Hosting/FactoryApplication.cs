using System.Collections.Frozen;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Xml;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Prometheus;
using SoapCore;
using VmMiddleware.Factory.Artifacts;
using VmMiddleware.Factory.Building;
using VmMiddleware.Factory.Catalogue;
using VmMiddleware.Factory.Configuration;
using VmMiddleware.Factory.Contracts.Security;
using VmMiddleware.Factory.Contracts.Service;
using VmMiddleware.Factory.Downloads;
using VmMiddleware.Factory.Metrics;
using VmMiddleware.Factory.Security;
using VmMiddleware.Factory.Soap;
using VmMiddleware.Factory.Tickets;
using VmMiddleware.Images.Store;

namespace VmMiddleware.Factory.Hosting;

/// <summary>Builds the service: Kestrel behind the factory's TLS, client authentication, the SOAP endpoint, downloads, /healthz and /metrics.</summary>
public static class FactoryApplication
{
    private static readonly FrozenSet<string> Operations = typeof(IImageFactory).GetMethods()
        .Select(m => m.GetCustomAttribute<System.ServiceModel.OperationContractAttribute>()?.Name).OfType<string>().ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> Routes = new[] { "/healthz", "/metrics", FactoryNames.EndpointPath, "/v1/images", "/v1/layers", "/v1/chains", "/v1/content", "/v1/artifacts" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Builds (does not start) the service for <paramref name="settings"/>, opening (and recovering) its layer store first.</summary>
    /// <param name="settings">The service's settings.</param>
    /// <param name="options">Host options (log level, clock, executor), or null for the defaults.</param>
    /// <param name="cancellationToken">Stops the store's recovery.</param>
    /// <returns>The built, not yet started, service.</returns>
    /// <exception cref="InvalidDataException">The host certificate or key cannot be loaded.</exception>
    public static async Task<WebApplication> BuildAsync(ServiceSettings settings, FactoryHostOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        options ??= new FactoryHostOptions();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, Args = [] });
        builder.Host.UseSystemd();
        builder.Logging.SetMinimumLevel(options.LogLevel);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning); // it says "http://"; vmgrid serve prints the https URL itself
        // SoapCore writes "Request for operation ... received" at Information for every call: under 50 polling clients, 200 journal lines a
        // second (journald's default rate limit then drops the service's other lines) and a console write per request.
        builder.Logging.AddFilter("SoapCore", LogLevel.Warning);

        var host = GridCredential.Load(settings.Certificate, settings.PrivateKey);
        var trust = new TrustDirectory(settings.TrustDirectory);
        Directory.CreateDirectory(settings.DataDirectory);
        RequestFiles.RemoveLeftovers(Path.Combine(settings.DataDirectory, RequestFiles.DirectoryName));
        var executors = new ExecutorFactory(settings, options.Executor);
        var store = await LayerStore.OpenAsync(settings.EffectiveStoreDirectory, executors.QemuImg(), options.Time, cancellationToken).ConfigureAwait(false);
        var database = FactoryDatabase.Open(Path.Combine(settings.DataDirectory, "factory.db"));
        var catalogue = new ImageCatalogue(store, database);
        var metrics = new FactoryMetrics(() => catalogue.StoredBytes);

        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddSingleton(options.Time);
        services.AddSingleton(database);
        services.AddSingleton(catalogue);
        services.AddSingleton(metrics);
        services.AddSingleton(executors);
        services.AddSingleton(new GridMapfileSource(settings.GridMapfile, options.Time));
        services.AddSingleton(new CertificateChainValidator(trust, options.Time));
        services.AddSingleton(host);
        services.AddSingleton<TlsConnectionMiddleware>();
        services.AddSingleton<BuildScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<BuildScheduler>());
        services.AddHttpContextAccessor();
        services.AddSoapCore();
        services.AddSingleton<SoapCore.Extensibility.IFaultExceptionTransformer, FactoryFaultTransformer>();
        services.AddSingleton<ImageFactoryService>();
        services.AddRouting();

        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            kestrel.Limits.MaxRequestBodySize = null; // EnvelopeGuard enforces max-request with a SOAP fault
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Parse(settings.ListenAddress), settings.Port, listen =>
            {
                var tls = kestrel.ApplicationServices.GetRequiredService<TlsConnectionMiddleware>();
                listen.Use(tls.Wrap);
            });
        });

        var app = builder.Build();
        app.Lifetime.ApplicationStopped.Register(catalogue.Dispose);
        app.Use(async (context, next) =>
        {
            context.Request.Scheme = "https"; // every connection went through the factory's TLS layer
            var started = Stopwatch.GetTimestamp();
            if (context.Request.Path.StartsWithSegments(FactoryNames.EndpointPath, StringComparison.Ordinal))
            {
                // W3C Server-Timing on SOAP answers (not downloads): the service's own time to the answer, for clients that measure it.
                context.Response.OnStarting(() =>
                {
                    context.Response.Headers["Server-Timing"] = string.Create(CultureInfo.InvariantCulture, $"app;dur={Stopwatch.GetElapsedTime(started).TotalMilliseconds:F3}");
                    return Task.CompletedTask;
                });
            }

            await next(context).ConfigureAwait(false);
            metrics.Observe(Operation(context), Stopwatch.GetElapsedTime(started));
        });
        app.UseRouting();
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapMetrics("/metrics", metrics.Registry);
        app.UseMiddleware<CallerAuthentication>();
        app.UseMiddleware<EnvelopeGuard>();
        ((IApplicationBuilder)app).UseSoapEndpoint<ImageFactoryService>(soap =>
        {
            soap.Path = FactoryNames.EndpointPath;
            soap.SoapSerializer = SoapSerializer.XmlSerializer;
            soap.EncoderOptions =
            [
                new SoapEncoderOptions
                {
                    ReaderQuotas = new XmlDictionaryReaderQuotas
                    {
                        MaxDepth = settings.MaxXmlDepth,
                        MaxStringContentLength = int.MaxValue,
                        MaxArrayLength = int.MaxValue,
                        MaxBytesPerRead = 1 << 20,
                        MaxNameTableCharCount = 1 << 16,
                    },
                },
            ];
            soap.HttpGetEnabled = false;
            soap.HttpsGetEnabled = true;
            soap.HttpPostEnabled = true;
            soap.HttpsPostEnabled = true;
            soap.IndentWsdl = true;
        });
        DownloadEndpoints.Map(app);
        ContentEndpoints.Map(app);
        ArtifactEndpoints.Map(app, new ArtifactCatalogue(settings.EffectiveArtifactDirectory));
        return app;
    }

    /// <summary>Returns the address the started service listens on, as an https URL.</summary>
    public static Uri ListeningUrl(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.Replace("http://", "https://", StringComparison.Ordinal));
    }

    /// <summary>Returns the metrics' operation label of a request: a contract operation, a known route (its first two segments), or "other" (a caller's SOAPAction or path never makes a new series).</summary>
    internal static string Operation(HttpContext context)
    {
        if (context.Request.Headers["SOAPAction"].ToString().Trim('"') is { Length: > 0 } action)
        {
            var name = action[(action.LastIndexOf('/') + 1)..];
            return Operations.Contains(name) ? name : "other";
        }

        var path = context.Request.Path.Value ?? "/";
        var slash = path.StartsWith("/v1/", StringComparison.Ordinal) ? path.IndexOf('/', 4) : -1;
        var route = slash > 0 ? path[..slash] : path;
        return Routes.Contains(route) ? route : "other";
    }
}
