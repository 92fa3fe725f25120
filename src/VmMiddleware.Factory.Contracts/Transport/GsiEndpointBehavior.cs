using System.ServiceModel.Channels;
using System.ServiceModel.Description;
using System.ServiceModel.Dispatcher;

namespace VmMiddleware.Factory.Contracts.Transport;

/// <summary>Makes a WCF client endpoint send its HTTPS requests through a <see cref="GsiHttpHandler"/>, so it can authenticate with a grid proxy.</summary>
/// <param name="handler">The handler every request of the endpoint goes through.</param>
public sealed class GsiEndpointBehavior(GsiHttpHandler handler) : IEndpointBehavior
{
    /// <inheritdoc/>
    public void AddBindingParameters(ServiceEndpoint endpoint, BindingParameterCollection bindingParameters)
    {
        ArgumentNullException.ThrowIfNull(bindingParameters);
        bindingParameters.Add(new Func<HttpClientHandler, HttpMessageHandler>(_ => handler));
    }

    /// <inheritdoc/>
    public void ApplyClientBehavior(ServiceEndpoint endpoint, ClientRuntime clientRuntime)
    {
    }

    /// <inheritdoc/>
    public void ApplyDispatchBehavior(ServiceEndpoint endpoint, EndpointDispatcher endpointDispatcher)
    {
    }

    /// <inheritdoc/>
    public void Validate(ServiceEndpoint endpoint)
    {
    }
}
