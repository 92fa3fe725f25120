namespace VmMiddleware.Factory.Contracts.Service;

/// <summary>The names the factory's SOAP contract is published under (schemas/factory.wsdl).</summary>
public static class FactoryNames
{
    /// <summary>The XML namespace of the service, its operations and its data contracts.</summary>
    public const string Namespace = "urn:vmmiddleware:factory:1";

    /// <summary>The service contract's name (the WSDL port type).</summary>
    public const string ContractName = "ImageFactory";

    /// <summary>The path the SOAP endpoint listens on; the WSDL is at this path with <c>?wsdl</c>.</summary>
    public const string EndpointPath = "/factory";

    /// <summary>Returns the SOAPAction of <paramref name="operation"/>.</summary>
    public static string Action(string operation) => Namespace + "/" + ContractName + "/" + operation;
}
