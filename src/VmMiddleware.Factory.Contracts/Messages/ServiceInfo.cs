using System.Runtime.Serialization;
using VmMiddleware.Factory.Contracts.Service;

namespace VmMiddleware.Factory.Contracts.Messages;

/// <summary>What the service is and offers, and who the caller is to it.</summary>
[DataContract(Namespace = FactoryNames.Namespace)]
public sealed class ServiceInfo
{
    /// <summary>Gets or sets the service version.</summary>
    [DataMember(Order = 1)]
    public string Version { get; set; } = string.Empty;

    /// <summary>Gets or sets the base names requests may use.</summary>
    [DataMember(Order = 2)]
    public List<string> Bases { get; set; } = [];

    /// <summary>Gets or sets the export formats.</summary>
    [DataMember(Order = 3)]
    public List<string> Formats { get; set; } = [];

    /// <summary>Gets or sets the largest request accepted, in bytes.</summary>
    [DataMember(Order = 4)]
    public long MaxRequestBytes { get; set; }

    /// <summary>Gets or sets the deepest XML element nesting accepted.</summary>
    [DataMember(Order = 5)]
    public int MaxXmlDepth { get; set; }

    /// <summary>Gets or sets how many builds run at once.</summary>
    [DataMember(Order = 6)]
    public int BuildConcurrency { get; set; }

    /// <summary>Gets or sets the local account the caller is mapped to.</summary>
    [DataMember(Order = 7)]
    public string Account { get; set; } = string.Empty;

    /// <summary>Gets or sets the caller's end-entity subject (OpenSSL one-line form).</summary>
    [DataMember(Order = 8)]
    public string Subject { get; set; } = string.Empty;

    /// <summary>Gets or sets the caller's quotas and usage.</summary>
    [DataMember(Order = 9)]
    public QuotaUsage Quota { get; set; } = new();
}
