using System.Xml.Serialization;
using VmMiddleware.Factory.Contracts.Service;

namespace VmMiddleware.Factory.Contracts.Messages;

/// <summary>What a delete removed.</summary>
[XmlType(Namespace = FactoryNames.Namespace)]
public sealed class DeleteResult
{
    /// <summary>Gets or sets the ids of the states removed.</summary>
    [XmlArray(Order = 1)]
    [XmlArrayItem("string")]
    public List<string> Deleted { get; set; } = [];
}
