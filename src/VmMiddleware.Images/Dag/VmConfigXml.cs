using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace VmMiddleware.Images.Dag;

/// <summary>The vmconfig XML vocabulary: its namespace and its compiled schema (embedded vmconfig.xsd).</summary>
public static class VmConfigXml
{
    /// <summary>The target namespace of vmconfig.xsd.</summary>
    public const string NamespaceUri = "urn:vmmiddleware:vmconfig:1";

    /// <summary>Gets the vmconfig namespace.</summary>
    public static XNamespace Ns { get; } = NamespaceUri;

    private static readonly Lazy<XmlSchemaSet> Schemas = new(Compile);

    /// <summary>Gets the compiled schema; it is shared and must not be changed.</summary>
    public static XmlSchemaSet LoadSchemas() => Schemas.Value;

    private static XmlSchemaSet Compile()
    {
        using var stream = typeof(VmConfigXml).Assembly.GetManifestResourceStream("VmMiddleware.Images.Dag.vmconfig.xsd")
            ?? throw new InvalidOperationException("vmconfig.xsd is not embedded");
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        var set = new XmlSchemaSet { XmlResolver = null };
        set.Add(NamespaceUri, reader);
        set.Compile();
        return set;
    }
}
