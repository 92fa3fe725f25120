using VmMiddleware.Factory.Contracts.Service;
using VmMiddleware.Factory.Soap;

namespace VmMiddleware.Factory.Security;

/// <summary>
/// Lets a request through only when its connection presented a valid chain whose end-entity subject the grid-mapfile maps to an account;
/// the WSDL, /healthz and /metrics are public. The account is put in <see cref="HttpContext.Items"/> for the operations.
/// </summary>
/// <param name="next">The rest of the pipeline.</param>
/// <param name="mapfile">Reads the grid-mapfile (reloaded when it changes).</param>
internal sealed class CallerAuthentication(RequestDelegate next, GridMapfileSource mapfile)
{
    /// <summary>The <see cref="HttpContext.Items"/> key of the <see cref="CallerIdentity"/>.</summary>
    public const string ItemKey = "vmgrid.caller";

    /// <summary>Authenticates a request.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = context.Request.Path;
        if (path == "/healthz" || path == "/metrics" || (HttpMethods.IsGet(context.Request.Method) && path.StartsWithSegments(FactoryNames.EndpointPath, StringComparison.Ordinal)))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var refusal = Refusal(context, out var identity);
        if (refusal is not null)
        {
            if (path.StartsWithSegments(FactoryNames.EndpointPath, StringComparison.Ordinal))
            {
                await SoapFaults.WriteAsync(context.Response, StatusCodes.Status403Forbidden, FactoryFaultCodes.AccessDenied, refusal).ConfigureAwait(false);
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await context.Response.WriteAsync(refusal + "\n").ConfigureAwait(false);
            }

            return;
        }

        context.Items[ItemKey] = identity;
        await next(context).ConfigureAwait(false);
    }

    private string? Refusal(HttpContext context, out CallerIdentity? identity)
    {
        identity = null;
        var verdict = context.Features.Get<PeerCertificateFeature>()?.Verdict;
        if (verdict is null)
        {
            return "access denied: no client certificate; present a grid certificate or proxy (grid-proxy-init)";
        }

        if (!verdict.Valid)
        {
            return "access denied: " + verdict.Reason;
        }

        var account = mapfile.Current.Map(verdict.Subject!);
        if (account is null)
        {
            return $"access denied: '{verdict.Subject}' is not in the grid-mapfile; ask the site to map it to an account";
        }

        identity = new CallerIdentity(account, verdict.Subject!);
        return null;
    }
}
