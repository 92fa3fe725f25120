using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using VmMiddleware.Factory.Contracts.Service;

namespace VmMiddleware.Factory.Contracts.Client;

/// <summary>
/// The factory's SOAP operations for <c>vmgrid build --factory</c> (through <see cref="FactoryBuildClient"/>), written and read as plain XML over HttpClient: WCF's client is not
/// Native AOT safe and vmgrid is published AOT. The envelopes are the document/literal ones schemas/factory.wsdl describes.
/// </summary>
/// <param name="http">An HttpClient whose handler does the factory's TLS (GsiHttpHandler).</param>
/// <param name="endpoint">The service's SOAP endpoint (https://HOST:PORT/factory).</param>
public sealed class FactorySoapClient(HttpClient http, Uri endpoint)
{
    private static readonly XNamespace Soap = "http://schemas.xmlsoap.org/soap/envelope/";
    private static readonly XNamespace Ns = FactoryNames.Namespace;

    /// <summary>Submits a build and returns its ticket.</summary>
    /// <exception cref="FactoryClientException">The service refused (a SOAP fault) or answered something that is not the answer.</exception>
    public async Task<RemoteTicket> SubmitAsync(string configuration, string format, IReadOnlyList<(string Path, byte[] Content)> files, CancellationToken cancellationToken)
    {
        var request = new XElement(Ns + "request",
            new XElement(Ns + "Configuration", configuration),
            new XElement(Ns + "Format", format),
            new XElement(Ns + "Files", files.Select(f => new XElement(Ns + "RequestFile", new XElement(Ns + "Path", f.Path), new XElement(Ns + "Content", Convert.ToBase64String(f.Content))))));
        return Ticket(await CallAsync("SubmitBuild", [request], cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Waits up to <paramref name="seconds"/> for a ticket and returns it.</summary>
    public async Task<RemoteTicket> WaitAsync(string ticketId, int seconds, CancellationToken cancellationToken) =>
        Ticket(await CallAsync("WaitTicket", [new XElement(Ns + "ticketId", ticketId), new XElement(Ns + "timeoutSeconds", seconds)], cancellationToken).ConfigureAwait(false));

    /// <summary>Returns where to download an image.</summary>
    public async Task<RemoteDownload> DownloadAsync(string imageId, string format, CancellationToken cancellationToken)
    {
        var result = await CallAsync("GetDownload", [new XElement(Ns + "imageId", imageId), new XElement(Ns + "format", format)], cancellationToken).ConfigureAwait(false);
        var layers = result.Element(Ns + "Layers")?.Elements(Ns + "LayerDownload").Select(l => new RemoteLayer(
            Text(l, "StateId")!, Text(l, "ParentId"), new Uri(Text(l, "Url")!), Number(l, "SizeBytes"), Text(l, "Sha256")!)).ToList() ?? [];
        return new RemoteDownload(Text(result, "ImageId")!, Text(result, "Format")!, new Uri(Text(result, "Url")!), Number(result, "SizeBytes"), Text(result, "Sha256")!, layers);
    }

    private async Task<XElement> CallAsync(string operation, IEnumerable<XElement> parameters, CancellationToken cancellationToken)
    {
        var envelope = new XElement(Soap + "Envelope", new XAttribute(XNamespace.Xmlns + "s", Soap), new XElement(Soap + "Body", new XElement(Ns + operation, parameters)));
        using var content = new StringContent(envelope.ToString(SaveOptions.DisableFormatting), Encoding.UTF8, "text/xml");
        using var message = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = content };
        message.Headers.Add("SOAPAction", "\"" + FactoryNames.Action(operation) + "\"");
        using var response = await http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        XElement body;
        try
        {
            body = XDocument.Parse(text).Root?.Element(Soap + "Body") ?? throw new XmlException("no SOAP body");
        }
        catch (XmlException e)
        {
            throw new FactoryClientException($"the factory at {endpoint} answered {(int)response.StatusCode} {response.ReasonPhrase} without a SOAP message ({e.Message})", e);
        }

        if (body.Element(Soap + "Fault") is { } fault)
        {
            var code = (string?)fault.Element("faultcode") ?? "Fault";
            throw new FactoryClientException($"the factory refused: {(string?)fault.Element("faultstring")} ({code[(code.IndexOf(':', StringComparison.Ordinal) + 1)..]})");
        }

        return body.Element(Ns + operation + "Response")?.Element(Ns + operation + "Result")
            ?? throw new FactoryClientException($"the factory at {endpoint} sent an unexpected answer to {operation}");
    }

    private static RemoteTicket Ticket(XElement e) => new(
        Text(e, "TicketId")!, Text(e, "State")!, Text(e, "Phase") ?? string.Empty, (int)Number(e, "ActionNumber"), (int)Number(e, "ActionCount"),
        Text(e, "CurrentAction"), Number(e, "BytesWritten"), Text(e, "ImageId"), Text(e, "Error"), (int)Number(e, "ReusedNodes"),
        e.Element(Ns + "StatesBuilt")?.Elements().Select(s => s.Value).ToList() ?? [], Text(e, "LogTail") ?? string.Empty);

    private static string? Text(XElement e, string name) => e.Element(Ns + name) is { } child && (string?)child.Attribute(XName.Get("nil", "http://www.w3.org/2001/XMLSchema-instance")) != "true" ? child.Value : null;

    private static long Number(XElement e, string name) => long.TryParse(Text(e, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;
}
