using System.Buffers;
using System.Globalization;
using System.Xml;
using VmMiddleware.Factory.Configuration;
using VmMiddleware.Factory.Contracts.Service;

namespace VmMiddleware.Factory.Soap;

/// <summary>
/// Checks a SOAP request before SoapCore reads it: its size, that it is well-formed XML without a DTD (so no entity expansion and no
/// external entity can happen), and its nesting depth. A refused request gets a SOAP fault naming the line and column.
/// </summary>
/// <param name="next">The rest of the pipeline.</param>
/// <param name="settings">The limits.</param>
internal sealed class EnvelopeGuard(RequestDelegate next, ServiceSettings settings)
{
    /// <summary>Checks and passes on a request.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!HttpMethods.IsPost(context.Request.Method) || !context.Request.Path.StartsWithSegments(FactoryNames.EndpointPath, StringComparison.Ordinal))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var max = settings.MaxRequestBytes;
        if (context.Request.ContentLength > max)
        {
            await SoapFaults.WriteAsync(context.Response, StatusCodes.Status413PayloadTooLarge, FactoryFaultCodes.TooLarge, TooLarge(context.Request.ContentLength.Value, max)).ConfigureAwait(false);
            return;
        }

        // Sized from Content-Length (WCF sends it; up to 64 KiB, so an announced size alone reserves little), a pooled read chunk, and the
        // check reads the buffer itself: a poll no longer allocates an 80 KiB chunk and a copy of its body.
        var body = new MemoryStream((int)Math.Min(context.Request.ContentLength ?? 4096, 1 << 16));
        var chunk = ArrayPool<byte>.Shared.Rent(16384);
        try
        {
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
            {
                if (body.Length + read > max)
                {
                    await SoapFaults.WriteAsync(context.Response, StatusCodes.Status413PayloadTooLarge, FactoryFaultCodes.TooLarge, TooLarge(body.Length + read, max)).ConfigureAwait(false);
                    return;
                }

                body.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        if (Check(new MemoryStream(body.GetBuffer(), 0, (int)body.Length, writable: false), settings.MaxXmlDepth) is { } problem)
        {
            await SoapFaults.WriteAsync(context.Response, StatusCodes.Status400BadRequest, FactoryFaultCodes.InvalidRequest, problem).ConfigureAwait(false);
            return;
        }

        body.Position = 0;
        context.Request.Body = body;
        context.Request.ContentLength = body.Length;
        await next(context).ConfigureAwait(false);
    }

    /// <summary>Returns why <paramref name="message"/> is refused, or null.</summary>
    internal static string? Check(Stream message, int maxDepth)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersFromEntities = 0, IgnoreComments = true };
        try
        {
            using var reader = XmlReader.Create(message, settings);
            var info = (IXmlLineInfo)reader;
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.Depth >= maxDepth)
                {
                    return string.Create(CultureInfo.InvariantCulture, $"the message (line {info.LineNumber}, column {info.LinePosition}) nests elements deeper than {maxDepth}; expected a flatter message");
                }
            }

            return null;
        }
        catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.Ordinal))
        {
            return string.Create(CultureInfo.InvariantCulture, $"the message (line {e.LineNumber}, column {e.LinePosition}) has a document type declaration; DTDs and entities are not accepted");
        }
        catch (XmlException e)
        {
            return string.Create(CultureInfo.InvariantCulture, $"the message is not well-formed XML (line {e.LineNumber}, column {e.LinePosition}): {e.Message}");
        }
    }

    private static string TooLarge(long bytes, long max) =>
        string.Create(CultureInfo.InvariantCulture, $"the request is larger than {max} bytes (at least {bytes}); ship fewer or smaller files");
}
