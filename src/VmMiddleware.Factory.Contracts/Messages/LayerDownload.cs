using System.Runtime.Serialization;
using VmMiddleware.Factory.Contracts.Service;

namespace VmMiddleware.Factory.Contracts.Messages;

/// <summary>One qcow2 layer of an image's chain; its backing file is its parent's layer by relative name (<c>PARENT.qcow2</c>).</summary>
[DataContract(Namespace = FactoryNames.Namespace)]
public sealed class LayerDownload
{
    /// <summary>Gets or sets the state id of the layer.</summary>
    [DataMember(Order = 1)]
    public string StateId { get; set; } = string.Empty;

    /// <summary>Gets or sets the parent state id, or null for the base.</summary>
    [DataMember(Order = 2)]
    public string? ParentId { get; set; }

    /// <summary>Gets or sets the HTTPS URL of the layer file.</summary>
    [DataMember(Order = 3)]
    public string Url { get; set; } = string.Empty;

    /// <summary>Gets or sets the layer's size in bytes.</summary>
    [DataMember(Order = 4)]
    public long SizeBytes { get; set; }

    /// <summary>Gets or sets the layer's SHA-256 (hex).</summary>
    [DataMember(Order = 5)]
    public string Sha256 { get; set; } = string.Empty;
}
