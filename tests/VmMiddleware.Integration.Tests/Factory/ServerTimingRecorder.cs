using System.Diagnostics;
using System.Globalization;
using System.ServiceModel;
using System.ServiceModel.Channels;
using System.ServiceModel.Description;
using System.ServiceModel.Dispatcher;
using System.Text.RegularExpressions;

namespace VmMiddleware.Integration.Tests.Factory;

/// <summary>
/// A WCF endpoint behaviour that records, per call sent while <see cref="Measuring"/> is set, the operation, the service's own time from
/// the answer's Server-Timing header, and the time from the encoded request's hand-over to HTTP until the answer's headers are back
/// (the span minus the service's time is the two TLS layers, the kernel, and each side's waiting for a thread and a core).
/// </summary>
internal sealed partial class ServerTimingRecorder : IEndpointBehavior, IClientMessageInspector
{
    private readonly List<(string Operation, double Milliseconds, double SpanMilliseconds)> _timings = [];
    private int _missing;

    /// <summary>Gets or sets whether calls sent now are recorded.</summary>
    public bool Measuring { get; set; }

    /// <summary>Gets how many recorded answers had no Server-Timing header.</summary>
    public int Missing => Volatile.Read(ref _missing);

    /// <summary>Returns the recorded timings.</summary>
    public IReadOnlyList<(string Operation, double Milliseconds, double SpanMilliseconds)> Timings()
    {
        lock (_timings)
        {
            return [.. _timings];
        }
    }

    public object? BeforeSendRequest(ref Message request, IClientChannel channel) =>
        Measuring ? (request.Headers.Action[(request.Headers.Action.LastIndexOf('/') + 1)..], Stopwatch.GetTimestamp()) : null;

    public void AfterReceiveReply(ref Message reply, object correlationState)
    {
        if (correlationState is not (string operation, long sent))
        {
            return;
        }

        var span = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
        var header = reply.Properties.TryGetValue(HttpResponseMessageProperty.Name, out var property) ? ((HttpResponseMessageProperty)property).Headers["Server-Timing"] : null;
        var match = header is null ? null : Duration().Match(header);
        if (match is not { Success: true })
        {
            Interlocked.Increment(ref _missing);
            return;
        }

        lock (_timings)
        {
            _timings.Add((operation, double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), span));
        }
    }

    public void AddBindingParameters(ServiceEndpoint endpoint, BindingParameterCollection bindingParameters)
    {
    }

    public void ApplyClientBehavior(ServiceEndpoint endpoint, ClientRuntime clientRuntime) => clientRuntime.ClientMessageInspectors.Add(this);

    public void ApplyDispatchBehavior(ServiceEndpoint endpoint, EndpointDispatcher endpointDispatcher)
    {
    }

    public void Validate(ServiceEndpoint endpoint)
    {
    }

    [GeneratedRegex(@"app;dur=([0-9.]+)")]
    private static partial Regex Duration();
}
