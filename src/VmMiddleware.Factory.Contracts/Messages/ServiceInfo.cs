using System.Xml.Serialization;
using VmMiddleware.Factory.Contracts.Service;

namespace VmMiddleware.Factory.Contracts.Messages;

/// <summary>What the service is and offers, and who the caller is to it.</summary>
[XmlType(Namespace = FactoryNames.Namespace)]
public sealed class ServiceInfo
{
    /// <summary>Gets or sets the service version.</summary>
    [XmlElement(Order = 1)]
    public string Version { get; set; } = string.Empty;

    /// <summary>Gets or sets the base names requests may use.</summary>
    [XmlArray(Order = 2)]
    [XmlArrayItem("string")]
    public List<string> Bases { get; set; } = [];

    /// <summary>Gets or sets the export formats.</summary>
    [XmlArray(Order = 3)]
    [XmlArrayItem("string")]
    public List<string> Formats { get; set; } = [];

    /// <summary>Gets or sets the largest request accepted, in bytes.</summary>
    [XmlElement(Order = 4)]
    public long MaxRequestBytes { get; set; }

    /// <summary>Gets or sets the deepest XML element nesting accepted.</summary>
    [XmlElement(Order = 5)]
    public int MaxXmlDepth { get; set; }

    /// <summary>Gets or sets how many builds run at once.</summary>
    [XmlElement(Order = 6)]
    public int BuildConcurrency { get; set; }

    /// <summary>Gets or sets the local account the caller is mapped to.</summary>
    [XmlElement(Order = 7)]
    public string Account { get; set; } = string.Empty;

    /// <summary>Gets or sets the caller's end-entity subject (OpenSSL one-line form).</summary>
    [XmlElement(Order = 8)]
    public string Subject { get; set; } = string.Empty;

    /// <summary>Gets or sets the caller's quotas and usage.</summary>
    [XmlElement(Order = 9)]
    public QuotaUsage Quota { get; set; } = new();
}
