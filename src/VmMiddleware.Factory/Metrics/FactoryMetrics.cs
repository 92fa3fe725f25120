using Prometheus;
using VmMiddleware.Images.Building;

namespace VmMiddleware.Factory.Metrics;

/// <summary>The service's Prometheus metrics (served at /metrics): builds by outcome, cache hits, states built, bytes stored, request latency.</summary>
internal sealed class FactoryMetrics
{
    private readonly Counter _builds;
    private readonly Counter _cacheHits;
    private readonly Counter _reusedNodes;
    private readonly Counter _statesBuilt;
    private readonly Histogram _latency;
    private readonly Summary _quantiles;

    /// <summary>Initializes the metrics in their own registry; <paramref name="storedBytes"/> is read at each scrape.</summary>
    public FactoryMetrics(Func<double> storedBytes)
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        _builds = factory.CreateCounter("vmgrid_factory_builds_total", "Finished tickets, by outcome.", "outcome");
        _cacheHits = factory.CreateCounter("vmgrid_factory_cache_hits_total", "Tickets answered entirely from the cache (exact hits).");
        _reusedNodes = factory.CreateCounter("vmgrid_factory_reused_nodes_total", "DAG nodes served from cached states.");
        _statesBuilt = factory.CreateCounter("vmgrid_factory_states_built_total", "States (one per action) committed by builds.");
        var stored = factory.CreateGauge("vmgrid_factory_stored_bytes", "Bytes of layers and exports in the store.");
        _latency = factory.CreateHistogram("vmgrid_factory_request_duration_seconds", "Time to answer a request, by SOAP operation or route.", new HistogramConfiguration
        {
            LabelNames = ["operation"],
            Buckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
        });
        _quantiles = factory.CreateSummary("vmgrid_factory_request_duration_quantile_seconds", "Time to answer a request, by SOAP operation or route: median and 99th percentile over the last hour (rank error 0.5% and 0.1%).", new SummaryConfiguration
        {
            LabelNames = ["operation"],
            Objectives = [new QuantileEpsilonPair(0.5, 0.005), new QuantileEpsilonPair(0.99, 0.001)],
            MaxAge = TimeSpan.FromHours(1),
            AgeBuckets = 6,
        });
        Registry.AddBeforeCollectCallback(() => stored.Set(storedBytes()));
    }

    /// <summary>Gets the registry the metrics live in.</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>Counts a successful build.</summary>
    public void Built(BuildResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        _builds.WithLabels("succeeded").Inc();
        _reusedNodes.Inc(result.ReusedNodes);
        _statesBuilt.Inc(result.StatesBuilt.Count);
        if (result.ExactHit)
        {
            _cacheHits.Inc();
        }
    }

    /// <summary>Counts a failed build.</summary>
    public void Failed() => _builds.WithLabels("failed").Inc();

    /// <summary>Records how long a request took.</summary>
    public void Observe(string operation, TimeSpan elapsed)
    {
        _latency.WithLabels(operation).Observe(elapsed.TotalSeconds);
        _quantiles.WithLabels(operation).Observe(elapsed.TotalSeconds);
    }
}
