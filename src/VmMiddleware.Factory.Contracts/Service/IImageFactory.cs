using System.ServiceModel;
using VmMiddleware.Factory.Contracts.Messages;

namespace VmMiddleware.Factory.Contracts.Service;

/// <summary>The image factory service: document/literal SOAP 1.1 at <see cref="FactoryNames.EndpointPath"/>; long builds return a ticket to poll or wait on.</summary>
[ServiceContract(Namespace = FactoryNames.Namespace, Name = FactoryNames.ContractName)]
[XmlSerializerFormat]
public interface IImageFactory
{
    /// <summary>Submits a build of a configuration DAG (schemas/vmconfig.xsd) and returns its ticket at once.</summary>
    [OperationContract(Name = "SubmitBuild")]
    Task<TicketStatus> SubmitBuildAsync(SubmitBuildRequest request);

    /// <summary>Returns a ticket's state, progress and log tail.</summary>
    [OperationContract(Name = "GetTicket")]
    Task<TicketStatus> GetTicketAsync(string ticketId);

    /// <summary>Waits up to <paramref name="timeoutSeconds"/> (at most 300) for a ticket to finish and returns its status either way.</summary>
    [OperationContract(Name = "WaitTicket")]
    Task<TicketStatus> WaitTicketAsync(string ticketId, int timeoutSeconds);

    /// <summary>Returns where to download an image in a format (qcow2, raw, vmdk, vdi, vhdx, or chain for its qcow2 layers), its size and SHA-256.</summary>
    [OperationContract(Name = "GetDownload")]
    Task<ImageDownload> GetDownloadAsync(string imageId, string format);

    /// <summary>Lists the images and states the service holds, with sizes, owners and last use.</summary>
    [OperationContract(Name = "ListImages")]
    Task<ImageListing> ListImagesAsync();

    /// <summary>Pins an image, so eviction keeps it and its chain; owner only.</summary>
    [OperationContract(Name = "Pin")]
    Task<ImageEntry> PinAsync(string imageId);

    /// <summary>Unpins an image; owner only.</summary>
    [OperationContract(Name = "Unpin")]
    Task<ImageEntry> UnpinAsync(string imageId);

    /// <summary>Deletes an image that nothing is built on, pinned or building; owner only.</summary>
    [OperationContract(Name = "Delete")]
    Task<DeleteResult> DeleteAsync(string imageId);

    /// <summary>Describes the service: version, bases, formats, limits, and the caller's quota and usage.</summary>
    [OperationContract(Name = "Describe")]
    Task<ServiceInfo> DescribeAsync();
}
