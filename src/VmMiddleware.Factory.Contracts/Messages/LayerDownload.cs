using System.Xml.Serialization;
using VmMiddleware.Factory.Contracts.Service;

namespace VmMiddleware.Factory.Contracts.Messages;

/// <summary>One qcow2 layer of an image's chain; its backing file is its parent's layer by relative name (<c>PARENT.qcow2</c>).</summary>
[XmlType(Namespace = FactoryNames.Namespace)]
public sealed class LayerDownload
{
    /// <summary>Gets or sets the state id of the layer.</summary>
    [XmlElement(Order = 1)]
    public string StateId { get; set; } = string.Empty;

    /// <summary>Gets or sets the parent state id, or null for the base.</summary>
    [XmlElement(Order = 2)]
    public string? ParentId { get; set; }

    /// <summary>Gets or sets the HTTPS URL of the layer file.</summary>
    [XmlElement(Order = 3)]
    public string Url { get; set; } = string.Empty;

    /// <summary>Gets or sets the layer's size in bytes.</summary>
    [XmlElement(Order = 4)]
    public long SizeBytes { get; set; }

    /// <summary>Gets or sets the layer's SHA-256 (hex).</summary>
    [XmlElement(Order = 5)]
    public string Sha256 { get; set; } = string.Empty;
}
