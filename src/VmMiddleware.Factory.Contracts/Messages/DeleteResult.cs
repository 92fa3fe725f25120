using System.Runtime.Serialization;
using VmMiddleware.Factory.Contracts.Service;

namespace VmMiddleware.Factory.Contracts.Messages;

/// <summary>What a delete removed.</summary>
[DataContract(Namespace = FactoryNames.Namespace)]
public sealed class DeleteResult
{
    /// <summary>Gets or sets the ids of the states removed.</summary>
    [DataMember(Order = 1)]
    public List<string> Deleted { get; set; } = [];
}
