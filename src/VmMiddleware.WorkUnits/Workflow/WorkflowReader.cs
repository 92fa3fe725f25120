using System.Xml.Linq;
using System.Xml.Schema;
using VmMiddleware.WorkUnits.Xml;

namespace VmMiddleware.WorkUnits.Workflow;

/// <summary>Reads workflow files (namespace urn:vmmiddleware:workflow:1): DTDs off, validated against workflow.xsd, nodes, edges and acyclicity checked.</summary>
public static class WorkflowReader
{
    /// <summary>Reads the workflow in the UTF-8 file at <paramref name="path"/>; referenced work-unit files are resolved against its directory.</summary>
    /// <exception cref="WorkUnitFormatException">The file, or a work unit it holds or names, is missing, malformed or invalid; the message names file, line and column.</exception>
    public static Workflow Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path);
        var text = WorkUnitReader.ReadLimited(new StringReader(WorkUnitReader.ReadFileText(fullPath, path)), path);
        return Read(text, path, Path.GetDirectoryName(fullPath) ?? fullPath);
    }

    /// <summary>Reads a workflow from <paramref name="text"/>, naming it <paramref name="sourceName"/> in messages and resolving work-unit files against <paramref name="baseDirectory"/>.</summary>
    /// <exception cref="WorkUnitFormatException">The document, or a work unit it holds or names, is malformed or invalid.</exception>
    public static Workflow Read(string text, string sourceName, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(sourceName);
        ArgumentException.ThrowIfNullOrEmpty(baseDirectory);
        var document = WorkUnitReader.Load(text, sourceName);
        var root = document.Root!;
        if (root.Name != WorkflowXml.Root)
        {
            throw WorkUnitReader.Error(sourceName, root, $"the root element is {SchemaErrorTranslator.Show(root.Name)}; expected <workflow xmlns=\"{WorkflowXml.NamespaceUri}\">");
        }

        var schemas = WorkflowXml.LoadSchemas();
        var translator = new SchemaErrorTranslator(schemas);
        document.Validate(schemas, (sender, args) =>
        {
            if (args.Severity == XmlSeverityType.Error)
            {
                throw WorkUnitReader.Error(sourceName, sender as XObject, translator.Describe(sender as XObject, args), args.Exception);
            }
        });

        var nodes = ReadNodes(root, sourceName, Path.GetFullPath(baseDirectory), schemas);
        var edges = WorkflowChecks.Edges(root, nodes, sourceName);
        var workflow = new Workflow { Name = (string)root.Attribute("name")!, Nodes = [.. nodes.Values.Select(n => n.Node)], Edges = edges };
        WorkflowChecks.RequireAcyclic(workflow, root, sourceName);
        return workflow;
    }

    private static Dictionary<string, (WorkflowNode Node, XElement Element)> ReadNodes(XElement root, string sourceName, string baseDirectory, XmlSchemaSet schemas)
    {
        var nodes = new Dictionary<string, (WorkflowNode, XElement)>(StringComparer.Ordinal);

        // Nodes often share one work-unit file: read each file once, against the schemas compiled once.
        var files = new Dictionary<string, WorkUnit>(StringComparer.Ordinal);
        foreach (var element in root.Elements(WorkflowXml.Ns + "node"))
        {
            var name = element.Attribute("name")!;
            if (name.Value.Equals("PARENT", StringComparison.OrdinalIgnoreCase) || name.Value.Equals("CHILD", StringComparison.OrdinalIgnoreCase))
            {
                throw WorkUnitReader.Error(sourceName, name, $"node '{name.Value}': PARENT and CHILD are DAGMan keywords; expected another node name");
            }

            if (nodes.ContainsKey(name.Value))
            {
                throw WorkUnitReader.Error(sourceName, name, $"node '{name.Value}' is defined twice; expected unique node names");
            }

            var retry = element.Attribute("retry") is { } r ? int.Parse(r.Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
            nodes.Add(name.Value, (new WorkflowNode(name.Value, ReadWorkUnit(element, name.Value, sourceName, baseDirectory, schemas, files), retry), element));
        }

        return nodes;
    }

    private static WorkUnit ReadWorkUnit(XElement node, string name, string sourceName, string baseDirectory, XmlSchemaSet schemas, Dictionary<string, WorkUnit> files)
    {
        var reference = node.Attribute("workunit");
        var inline = node.Element(WorkUnitXml.Root);
        if ((reference is null) == (inline is null))
        {
            throw WorkUnitReader.Error(sourceName, node, $"node '{name}' has {(reference is null ? "no" : "both a workunit attribute and an inline")} work unit; expected exactly one of workunit=\"FILE\" and an inline <workunit>");
        }

        if (inline is not null)
        {
            return new WorkUnitDocumentParser(sourceName, baseDirectory).Parse(inline);
        }

        try
        {
            var path = Path.GetFullPath(Path.Combine(baseDirectory, reference!.Value));
            if (!files.TryGetValue(path, out var unit))
            {
                unit = WorkUnitReader.Read(path, schemas);
                files.Add(path, unit);
            }

            return unit;
        }
        catch (WorkUnitFormatException e)
        {
            var position = e.Line > 0 ? $"(line {e.Line}, column {e.Column})" : string.Empty;
            throw WorkUnitReader.Error(sourceName, reference, $"node '{name}': work unit {reference!.Value}{position}: {e.Detail}", e);
        }
    }
}
