using System.Xml.Serialization;
using VmMiddleware.Factory.Contracts.Service;

namespace VmMiddleware.Factory.Contracts.Messages;

/// <summary>Where and what to download: one file, or for the chain format the qcow2 layers base first.</summary>
[XmlType(Namespace = FactoryNames.Namespace)]
public sealed class ImageDownload
{
    /// <summary>Gets or sets the image id.</summary>
    [XmlElement(Order = 1)]
    public string ImageId { get; set; } = string.Empty;

    /// <summary>Gets or sets the format.</summary>
    [XmlElement(Order = 2)]
    public string Format { get; set; } = string.Empty;

    /// <summary>Gets or sets the HTTPS URL of the file (for chain: of the top layer); GET with Range and If-Range resumes.</summary>
    [XmlElement(Order = 3)]
    public string Url { get; set; } = string.Empty;

    /// <summary>Gets or sets the file's size in bytes.</summary>
    [XmlElement(Order = 4)]
    public long SizeBytes { get; set; }

    /// <summary>Gets or sets the file's SHA-256 (hex); also its ETag.</summary>
    [XmlElement(Order = 5)]
    public string Sha256 { get; set; } = string.Empty;

    /// <summary>Gets or sets the layers of the chain, base first (for every format: the chain the image is stored as).</summary>
    [XmlArray(Order = 6)]
    public List<LayerDownload> Layers { get; set; } = [];
}
