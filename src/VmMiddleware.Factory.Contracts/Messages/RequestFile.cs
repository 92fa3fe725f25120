using System.Runtime.Serialization;
using VmMiddleware.Factory.Contracts.Service;

namespace VmMiddleware.Factory.Contracts.Messages;

/// <summary>A file shipped with a build request, at a relative path under the request's directory.</summary>
[DataContract(Namespace = FactoryNames.Namespace)]
public sealed class RequestFile
{
    /// <summary>Gets or sets the relative path (slash-separated, no '..', not absolute).</summary>
    [DataMember(Order = 1, IsRequired = true)]
    public string Path { get; set; } = string.Empty;

    /// <summary>Gets or sets the content (base64 in the message).</summary>
    [DataMember(Order = 2, IsRequired = true)]
    public byte[] Content { get; set; } = [];
}
