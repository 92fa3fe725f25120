using System.Xml.Serialization;
using VmMiddleware.Factory.Contracts.Service;

namespace VmMiddleware.Factory.Contracts.Messages;

/// <summary>A build request: the configuration DAG, the export format, and the files its actions name (copy sources, script files, package directories).</summary>
[XmlType(Namespace = FactoryNames.Namespace)]
public sealed class SubmitBuildRequest
{
    /// <summary>Gets or sets the vmconfig document (schemas/vmconfig.xsd) as text.</summary>
    [XmlElement(Order = 1)]
    public string Configuration { get; set; } = string.Empty;

    /// <summary>Gets or sets the export format: qcow2 (default), raw, vmdk, vdi, vhdx, or chain (the qcow2 layers, fetched one by one).</summary>
    [XmlElement(Order = 2)]
    public string? Format { get; set; }

    /// <summary>Gets or sets the files the DAG names, by relative path.</summary>
    [XmlArray(Order = 3)]
    public List<RequestFile>? Files { get; set; }
}
