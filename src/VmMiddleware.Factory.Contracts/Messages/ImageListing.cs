using System.Xml.Serialization;
using VmMiddleware.Factory.Contracts.Service;

namespace VmMiddleware.Factory.Contracts.Messages;

/// <summary>Every state the service holds, oldest first, and their total size.</summary>
[XmlType(Namespace = FactoryNames.Namespace)]
public sealed class ImageListing
{
    /// <summary>Gets or sets the states.</summary>
    [XmlArray(Order = 1)]
    public List<ImageEntry> Images { get; set; } = [];

    /// <summary>Gets or sets the bytes all layers and exports take.</summary>
    [XmlElement(Order = 2)]
    public long TotalBytes { get; set; }
}
