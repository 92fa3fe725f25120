using System.Xml.Serialization;
using VmMiddleware.Factory.Contracts.Service;

namespace VmMiddleware.Factory.Contracts.Messages;

/// <summary>An account's quotas and what it uses of them.</summary>
[XmlType(Namespace = FactoryNames.Namespace)]
public sealed class QuotaUsage
{
    /// <summary>Gets or sets how many of its builds may be queued or running at once.</summary>
    [XmlElement(Order = 1)]
    public int MaxConcurrentBuilds { get; set; }

    /// <summary>Gets or sets how many of its builds are queued or running.</summary>
    [XmlElement(Order = 2)]
    public int ActiveBuilds { get; set; }

    /// <summary>Gets or sets how many bytes of layers and exports it may own.</summary>
    [XmlElement(Order = 3)]
    public long MaxStoredBytes { get; set; }

    /// <summary>Gets or sets how many bytes of layers and exports it owns.</summary>
    [XmlElement(Order = 4)]
    public long StoredBytes { get; set; }
}
