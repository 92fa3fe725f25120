using System.ServiceModel;
using System.Xml;
using VmMiddleware.Factory.Contracts.Service;

namespace VmMiddleware.Factory.Soap;

/// <summary>The factory's SOAP 1.1 faults: a fault code from <see cref="FactoryFaultCodes"/> in the service namespace and a one-line reason.</summary>
internal static class SoapFaults
{
    /// <summary>Returns the fault the service operations throw.</summary>
    public static FaultException Fault(string code, string reason) =>
        new(new FaultReason(reason), new FaultCode(code, FactoryNames.Namespace), string.Empty);

    /// <summary>Writes a fault envelope as the whole response (for requests refused before SoapCore sees them).</summary>
    public static async Task WriteAsync(HttpResponse response, int statusCode, string code, string reason)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.StatusCode = statusCode;
        response.ContentType = "text/xml; charset=utf-8";
        var settings = new XmlWriterSettings { Async = true, Encoding = new System.Text.UTF8Encoding(false), OmitXmlDeclaration = true };
        var buffer = new MemoryStream();
        await using (var writer = XmlWriter.Create(buffer, settings))
        {
            await writer.WriteStartElementAsync("s", "Envelope", "http://schemas.xmlsoap.org/soap/envelope/").ConfigureAwait(false);
            await writer.WriteStartElementAsync("s", "Body", null).ConfigureAwait(false);
            await writer.WriteStartElementAsync("s", "Fault", null).ConfigureAwait(false);
            await writer.WriteStartElementAsync(null, "faultcode", string.Empty).ConfigureAwait(false);
            await writer.WriteAttributeStringAsync("xmlns", "f", null, FactoryNames.Namespace).ConfigureAwait(false);
            await writer.WriteStringAsync("f:" + code).ConfigureAwait(false);
            await writer.WriteEndElementAsync().ConfigureAwait(false);
            await writer.WriteElementStringAsync(null, "faultstring", string.Empty, reason).ConfigureAwait(false);
            await writer.WriteEndElementAsync().ConfigureAwait(false);
            await writer.WriteEndElementAsync().ConfigureAwait(false);
            await writer.WriteEndElementAsync().ConfigureAwait(false);
        }

        response.ContentLength = buffer.Length;
        await response.Body.WriteAsync(buffer.ToArray()).ConfigureAwait(false);
    }
}
