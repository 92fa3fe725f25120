using System.Xml.Serialization;
using VmMiddleware.Factory.Contracts.Service;

namespace VmMiddleware.Factory.Contracts.Messages;

/// <summary>One state (image) the service holds.</summary>
[XmlType(Namespace = FactoryNames.Namespace)]
public sealed class ImageEntry
{
    /// <summary>Gets or sets the state id.</summary>
    [XmlElement(Order = 1)]
    public string ImageId { get; set; } = string.Empty;

    /// <summary>Gets or sets the parent state id, or null for a base.</summary>
    [XmlElement(Order = 2)]
    public string? ParentId { get; set; }

    /// <summary>Gets or sets the last action that made it (node id and kind).</summary>
    [XmlElement(Order = 3)]
    public string Action { get; set; } = string.Empty;

    /// <summary>Gets or sets the number of DAG nodes done in it.</summary>
    [XmlElement(Order = 4)]
    public int Nodes { get; set; }

    /// <summary>Gets or sets its layer's size in bytes.</summary>
    [XmlElement(Order = 5)]
    public long LayerBytes { get; set; }

    /// <summary>Gets or sets the bytes of its exported files.</summary>
    [XmlElement(Order = 6)]
    public long ExportBytes { get; set; }

    /// <summary>Gets or sets the account whose request built it ("" for states the service found already built).</summary>
    [XmlElement(Order = 7)]
    public string Owner { get; set; } = string.Empty;

    /// <summary>Gets or sets when it was committed (UTC).</summary>
    [XmlElement(Order = 8)]
    public DateTime CreatedUtc { get; set; }

    /// <summary>Gets or sets when a build or download last used it (UTC).</summary>
    [XmlElement(Order = 9)]
    public DateTime LastUsedUtc { get; set; }

    /// <summary>Gets or sets whether eviction keeps it.</summary>
    [XmlElement(Order = 10)]
    public bool Pinned { get; set; }
}
