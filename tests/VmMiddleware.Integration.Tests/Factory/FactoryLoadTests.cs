using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using VmMiddleware.Factory.Contracts.Messages;
using VmMiddleware.Integration.Tests.Images;

namespace VmMiddleware.Integration.Tests.Factory;

/// <summary>50 concurrent WCF clients submitting overlapping DAGs: all answered, every distinct state built once; the latency of the non-build operations meanwhile is printed for docs/benchmarks.md.</summary>
/// <remarks>
/// The service runs as its own process (<c>vmgrid serve</c>), so the clients' work in this process does not share its thread pool; the
/// server-side figures are the service's own per-operation quantiles from /metrics. Only correctness is asserted, never a time.
/// Each client keeps one channel and one pooled TLS connection, made in the warm-up (no handshake is measured). The test process's
/// thread pool is left as it is: a thread per client was tried and makes 50 threads runnable at once beside the service on 2 cores.
/// Two runs: each client at its own random phase of the 250 ms polling period (50 independent workflow systems do not poll in step), and
/// lockstep (all start together and poll 250 ms after their last answer, so each poll is a burst of 50: the worst case). Besides the
/// latencies, a run prints what explains them (<see cref="LoadProbe"/>, the HTTP exchange minus the service's time, latency by calls in flight).
/// </remarks>
[TestClass]
[TestCategory("Integration")]
public sealed class FactoryLoadTests
{
    private const int Clients = 50;
    private const int Variants = 5;
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(250);

    public TestContext TestContext { get; set; } = null!;

    /// <summary>Runs the load with each client's own random phase within the polling period (independent workflow systems), and in lockstep (the worst case).</summary>
    /// <param name="lockstep">All clients start together and poll 250 ms after their last answer (they stay in phase), instead of each at its own phase.</param>
    [TestMethod]
    [DataRow(false, DisplayName = "random phase")]
    [DataRow(true, DisplayName = "lockstep")]
    public async Task SubmitBuild_FiftyClientsOverlappingDags_AllSucceedEachStateBuiltOnce(bool lockstep)
    {
        var (store, _) = await VmFactory.NewStoreAsync("service-load");
        var root = Path.GetDirectoryName(store)!;
        var config = Path.Combine(root, "factory.conf");
        File.WriteAllText(config, FactoryRig.ConfigText(Path.Combine(root, "data"), store, string.Empty));
        using var service = ServiceProcess.Start(config);
        var run = Guid.NewGuid().ToString("N")[..8];
        await RunAsync(service, run, lockstep);
        Assert.IsTrue(await FactoryRestartTests.RequestsRemovedAsync(Path.Combine(root, "data")), "every finished ticket's request directory is removed");
    }

    private async Task RunAsync(ServiceProcess service, string run, bool lockstep)
    {

        // Every DAG: the base, one shared action, one of five variants. Six distinct states to build, fifty requests.
        var dags = Enumerable.Range(0, Variants).Select(v => FactoryRig.Dag(
            "load-" + v,
            $"<script id=\"common\">echo {run} &gt; /etc/load-common</script><script id=\"variant\">echo {v} &gt; /etc/load-variant</script>",
            "<edge from=\"common\" to=\"variant\"/>")).ToArray();
        // Independent clients: each its own phase in the polling period, drawn once (seeded, so a run can be repeated), kept without drift.
        var random = new Random(12);
        var phases = Enumerable.Range(0, Clients).Select(_ => lockstep ? TimeSpan.Zero : TimeSpan.FromMilliseconds(random.NextDouble() * Period.TotalMilliseconds)).ToArray();
        var latencies = new List<(string Operation, double Milliseconds, int InFlight)>();
        var inFlight = 0;
        var start = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = new ServerTimingRecorder();
        var warmedUp = 0;
        var clients = Enumerable.Range(0, Clients).Select(async k =>
        {
            var factory = FactoryClient.Program.Connect(service.Url, FactoryRig.Handler());
            factory.Endpoint.EndpointBehaviors.Add(server);
            var client = factory.CreateChannel();
            try
            {
                async Task<T> Timed<T>(string operation, Func<Task<T>> call)
                {
                    var concurrent = Interlocked.Increment(ref inFlight);
                    var started = Stopwatch.GetTimestamp();
                    var result = await call();
                    var milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    Interlocked.Decrement(ref inFlight);
                    lock (latencies)
                    {
                        latencies.Add((operation, milliseconds, concurrent));
                    }

                    return result;
                }

                // Warm-up before the common start (not measured): connect, and run each operation's path once.
                await client.DescribeAsync();
                await client.ListImagesAsync();
                await Assert.ThrowsAsync<System.ServiceModel.FaultException>(() => client.GetTicketAsync(new string('0', 32)));
                Interlocked.Increment(ref warmedUp);
                var origin = await start.Task;
                var next = phases[k];
                await WaitUntil(origin, next);
                var ticket = await Timed("SubmitBuild", () => client.SubmitBuildAsync(new SubmitBuildRequest { Configuration = dags[k % Variants], Format = "chain" }));
                var deadline = DateTime.UtcNow.AddMinutes(30);
                while (!TicketStates.IsFinal(ticket.State) && DateTime.UtcNow < deadline)
                {
                    if (lockstep)
                    {
                        await Task.Delay(Period);
                    }
                    else
                    {
                        next += Period;
                        await WaitUntil(origin, next);
                    }

                    ticket = await Timed("GetTicket", () => client.GetTicketAsync(ticket.TicketId));
                    if (k % 10 == 0)
                    {
                        await Timed("ListImages", () => client.ListImagesAsync());
                        await Timed("Describe", () => client.DescribeAsync());
                    }
                }

                return ticket;
            }
            finally
            {
                FactoryRig.Close(client);
            }
        }).ToList();
        // Every client is connected and warmed up before measuring starts.
        while (Volatile.Read(ref warmedUp) < Clients && !clients.Any(c => c.IsFaulted))
        {
            await Task.Delay(100);
        }

        var loadBefore = LoadAverage();
        await using var probe = LoadProbe.Start(service.Pid);
        server.Measuring = true;
        start.SetResult(Stopwatch.GetTimestamp());
        var tickets = await Task.WhenAll(clients);
        server.Measuring = false;
        var evidence = await probe.StopAsync(latencies.Count);
        var loadAverage = LoadAverage();

        foreach (var ticket in tickets)
        {
            Assert.AreEqual(TicketStates.Succeeded, ticket.State, ticket.TicketId + ": " + ticket.Error);
        }

        var built = tickets.SelectMany(t => t.StatesBuilt).ToList();
        Assert.HasCount(Variants + 1, built, "each distinct state is built once: " + string.Join(", ", built));
        Assert.HasCount(Variants + 1, built.Distinct().ToList(), "no state built twice");
        Assert.HasCount(Variants, tickets.Select(t => t.ImageId).Distinct().ToList());
        foreach (var group in tickets.GroupBy(t => t.ImageId))
        {
            Assert.HasCount(Clients / Variants, group.ToList());
        }

        // The service's own view: its per-operation quantiles (time from the request's arrival in the pipeline to its answer), and the histogram.
        using var http = new HttpClient(FactoryRig.Handler()) { BaseAddress = service.Url };
        var metrics = await http.GetStringAsync(new Uri(service.Url, "/metrics"));
        string[] nonBuildOperations = ["GetTicket", "Describe", "ListImages"];
        var (serverP50, serverP99, serverCount) = ServerPercentiles(metrics, nonBuildOperations);
        var quantiles = nonBuildOperations.Select(o => (Operation: o, P50: Quantile(metrics, o, "0.5"), P99: Quantile(metrics, o, "0.99"))).ToList();
        var perOperation = string.Join("; ", quantiles.Select(q => string.Create(CultureInfo.InvariantCulture, $"{q.Operation} p50 {q.P50 * 1000:F2} ms p99 {q.P99 * 1000:F2} ms")));

        // The service's time for each measured call, exact, from its Server-Timing header (from the request's arrival in the pipeline to its answer).
        var timings = server.Timings();
        Assert.AreEqual(0, server.Missing, "every SOAP answer carries Server-Timing");
        var serverNonBuild = timings.Where(t => nonBuildOperations.Contains(t.Operation)).Select(t => t.Milliseconds).Order().ToList();
        var outside = timings.Where(t => nonBuildOperations.Contains(t.Operation)).Select(t => t.SpanMilliseconds - t.Milliseconds).Order().ToList();
        var spans = timings.Where(t => nonBuildOperations.Contains(t.Operation)).Select(t => t.SpanMilliseconds).Order().ToList();
        var serverSubmits = timings.Where(t => t.Operation == "SubmitBuild").Select(t => t.Milliseconds).Order().ToList();
        Assert.HasCount(latencies.Count, timings, "one server timing per measured call");

        var nonBuild = latencies.Where(l => l.Operation != "SubmitBuild").Select(l => l.Milliseconds).Order().ToList();
        var submits = latencies.Where(l => l.Operation == "SubmitBuild").Select(l => l.Milliseconds).Order().ToList();
        var byConcurrency = string.Join(", ", new[] { (1, 5), (6, 20), (21, Clients) }.Select(r => (r, List: latencies.Where(l => l.Operation != "SubmitBuild" && l.InFlight >= r.Item1 && l.InFlight <= r.Item2).Select(l => l.Milliseconds).Order().ToList()))
            .Where(b => b.List.Count > 0).Select(b => string.Create(CultureInfo.InvariantCulture, $"{b.r.Item1}-{b.r.Item2} in flight: {b.List.Count} calls p50 {Percentile(b.List, 0.50):F1} p99 {Percentile(b.List, 0.99):F1} ms")));
        var report = string.Create(CultureInfo.InvariantCulture,
            $"load: {Clients} clients, {(lockstep ? "lockstep" : "random phase")}; server side (Server-Timing, exact) {serverNonBuild.Count} non-build calls: p50 {Percentile(serverNonBuild, 0.50):F2} ms, p99 {Percentile(serverNonBuild, 0.99):F2} ms, max {serverNonBuild[^1]:F1} ms; SubmitBuild p50 {Percentile(serverSubmits, 0.50):F1} ms, p99 {Percentile(serverSubmits, 0.99):F1} ms; server side whole run with warm-up (summary metric, {serverCount} requests): {perOperation}; histogram buckets p50 <= {serverP50 * 1000:F1} ms, p99 <= {serverP99 * 1000:F1} ms; client side {nonBuild.Count} non-build calls: p50 {Percentile(nonBuild, 0.50):F1} ms, p99 {Percentile(nonBuild, 0.99):F1} ms, max {nonBuild[^1]:F1} ms; SubmitBuild p50 {Percentile(submits, 0.50):F1} ms, p99 {Percentile(submits, 0.99):F1} ms; HTTP exchange (request handed to HTTP to answer headers) p50 {Percentile(spans, 0.50):F1} p99 {Percentile(spans, 0.99):F1} ms, of it outside the service's pipeline p50 {Percentile(outside, 0.50):F1} p99 {Percentile(outside, 0.99):F1} ms; client side by calls in flight at the call's start: {byConcurrency}; {evidence}; load average before {loadBefore}, after {loadAverage}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        TestContext.WriteLine(report);
        Console.WriteLine(report);
        File.AppendAllText(Path.Combine(Path.GetTempPath(), "vmgrid-factory-load.txt"), report + "\n");
    }

    private static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    private static async Task WaitUntil(long origin, TimeSpan offset)
    {
        var wait = offset - Stopwatch.GetElapsedTime(origin);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
    }

    /// <summary>Reads the bucket bounds under which 50% and 99% of the given operations' requests finished, from the Prometheus text.</summary>
    private static (double P50, double P99, double Count) ServerPercentiles(string metrics, string[] operations)
    {
        var buckets = new SortedDictionary<double, double>();
        foreach (var line in metrics.Split('\n'))
        {
            var match = Regex.Match(line, "^vmgrid_factory_request_duration_seconds_bucket\\{operation=\"(\\w+)\",le=\"([^\"]+)\"\\} (\\S+)");
            if (match.Success && operations.Contains(match.Groups[1].Value))
            {
                var bound = match.Groups[2].Value == "+Inf" ? double.PositiveInfinity : double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
                buckets[bound] = buckets.GetValueOrDefault(bound) + double.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture);
            }
        }

        var total = buckets.Count == 0 ? 0 : buckets.Last().Value;
        double Bound(double p) => buckets.First(b => b.Value >= p * total).Key;
        Assert.IsGreaterThan(0, total, "the service counted its requests in /metrics");
        return (Bound(0.50), Bound(0.99), total);
    }

    /// <summary>Reads the service's own <paramref name="quantile"/> of <paramref name="operation"/>'s request time (seconds) from the Prometheus text.</summary>
    private static double Quantile(string metrics, string operation, string quantile)
    {
        var match = Regex.Match(metrics, $"^vmgrid_factory_request_duration_quantile_seconds\\{{operation=\"{operation}\",quantile=\"{Regex.Escape(quantile)}\"\\}} (\\S+)", RegexOptions.Multiline);
        Assert.IsTrue(match.Success, $"/metrics has the {quantile} quantile of {operation}");
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>The <paramref name="p"/> quantile of a sorted list (nearest rank).</summary>
    internal static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
