using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using VmMiddleware.WorkUnits.Xml;

namespace VmMiddleware.WorkUnits.Workflow;

/// <summary>The workflow document's namespace, names and schema (workflow.xsd plus the work-unit schema for inline work units).</summary>
public static class WorkflowXml
{
    /// <summary>The workflow namespace URI.</summary>
    public const string NamespaceUri = "urn:vmmiddleware:workflow:1";

    private const string SchemaResource = "VmMiddleware.WorkUnits.Workflow.workflow.xsd";

    /// <summary>Gets the workflow namespace.</summary>
    public static XNamespace Ns { get; } = NamespaceUri;

    /// <summary>Gets the root element's name.</summary>
    public static XName Root { get; } = Ns + "workflow";

    /// <summary>Loads and compiles a fresh schema set holding workflow.xsd and workunit.xsd.</summary>
    public static XmlSchemaSet LoadSchemas()
    {
        var set = WorkUnitXml.LoadSchemas();
        using var stream = typeof(WorkflowXml).Assembly.GetManifestResourceStream(SchemaResource)
            ?? throw new InvalidOperationException($"The embedded resource {SchemaResource} is missing.");
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        set.Add(NamespaceUri, reader);
        set.Compile();
        return set;
    }
}
