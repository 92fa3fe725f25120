using System.Xml.Serialization;
using VmMiddleware.Factory.Contracts.Service;

namespace VmMiddleware.Factory.Contracts.Messages;

/// <summary>A file shipped with a build request, at a relative path under the request's directory.</summary>
[XmlType(Namespace = FactoryNames.Namespace)]
public sealed class RequestFile
{
    /// <summary>Gets or sets the relative path (slash-separated, no '..', not absolute).</summary>
    [XmlElement(Order = 1)]
    public string Path { get; set; } = string.Empty;

    /// <summary>Gets or sets the content (base64 in the message).</summary>
    [XmlElement(Order = 2)]
    public byte[] Content { get; set; } = [];
}
