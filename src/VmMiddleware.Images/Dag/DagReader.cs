using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace VmMiddleware.Images.Dag;

/// <summary>Reads vmconfig XML (DTD off, validated against vmconfig.xsd) into a validated <see cref="ConfigDag"/>.</summary>
public static partial class DagReader
{
    /// <summary>The largest document accepted, in characters (1 MiB).</summary>
    public const int MaxDocumentChars = 1 << 20;

    /// <summary>Reads and validates the configuration DAG in <paramref name="path"/>; host paths resolve against its directory.</summary>
    /// <param name="path">The vmconfig file; messages name it as given.</param>
    /// <returns>The validated DAG.</returns>
    /// <exception cref="DagFormatException">The file is missing, malformed or invalid.</exception>
    public static ConfigDag Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        string text;
        try
        {
            if (new FileInfo(full).Length > MaxDocumentChars * 4L)
            {
                throw new DagFormatException(path, 0, 0, "the document is larger than 1 MiB; expected a small configuration file");
            }

            text = File.ReadAllText(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DagFormatException(path, 0, 0, "cannot read the file: " + e.Message, null, e);
        }

        return Parse(text, path, Path.GetDirectoryName(full) ?? full);
    }

    /// <summary>Parses and validates the vmconfig document <paramref name="text"/>.</summary>
    /// <param name="text">The XML text.</param>
    /// <param name="sourceName">The name messages give the document.</param>
    /// <param name="baseDirectory">The directory relative host paths resolve against.</param>
    /// <returns>The validated DAG.</returns>
    /// <exception cref="DagFormatException">The document is malformed or invalid.</exception>
    public static ConfigDag Parse(string text, string sourceName, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(sourceName);
        if (text.Length > MaxDocumentChars)
        {
            throw new DagFormatException(sourceName, 0, 0, "the document is larger than 1 MiB; expected a small configuration file");
        }

        var document = Load(text, sourceName);
        var root = document.Root!;
        if (root.Name != VmConfigXml.Ns + "vmconfig")
        {
            throw Error(sourceName, root, $"the root element is <{root.Name.LocalName}>; expected <vmconfig xmlns=\"{VmConfigXml.NamespaceUri}\">");
        }

        document.Validate(VmConfigXml.LoadSchemas(), (sender, args) =>
        {
            if (args.Severity == XmlSeverityType.Error)
            {
                throw SchemaError(sourceName, sender as XObject, args.Message, args.Exception);
            }
        });
        var dag = new DagDocumentParser(sourceName, Path.GetFullPath(baseDirectory)).Parse(root);
        DagValidator.Validate(dag);
        return dag;
    }

    internal static DagFormatException Error(string sourceName, XObject? at, string detail, string? nodeId = null, Exception? inner = null)
    {
        var info = at as IXmlLineInfo;
        return info is { } && info.HasLineInfo()
            ? new DagFormatException(sourceName, info.LineNumber, info.LinePosition, detail, nodeId, inner)
            : new DagFormatException(sourceName, 0, 0, detail, nodeId, inner);
    }

    private static XDocument Load(string text, string sourceName)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersFromEntities = 0 };
        try
        {
            using var xml = XmlReader.Create(new StringReader(text), settings);
            var document = XDocument.Load(xml, LoadOptions.SetLineInfo | LoadOptions.PreserveWhitespace);
            foreach (var layout in document.DescendantNodes().OfType<XText>()
                .Where(t => string.IsNullOrWhiteSpace(t.Value) && t.Parent?.Name != VmConfigXml.Ns + "script").ToList())
            {
                layout.Remove();
            }

            return document;
        }
        catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.Ordinal))
        {
            throw new DagFormatException(sourceName, Math.Max(e.LineNumber, 1), Math.Max(e.LinePosition, 1), "a document type declaration (<!DOCTYPE ...>) is not allowed", null, e);
        }
        catch (XmlException e)
        {
            var detail = PositionSuffix().Replace(e.Message, string.Empty).TrimEnd('.');
            throw new DagFormatException(sourceName, Math.Max(e.LineNumber, 1), Math.Max(e.LinePosition, 1), "malformed XML: " + detail, null, e);
        }
    }

    private static DagFormatException SchemaError(string sourceName, XObject? node, string message, Exception? inner)
    {
        var element = node as XElement ?? node?.Parent;
        var owner = element?.AncestorsAndSelf().FirstOrDefault(e => e.Attribute("id") is not null);
        var nodeId = owner?.Attribute("id")?.Value;
        var clean = message.Replace($" in namespace '{VmConfigXml.NamespaceUri}'", string.Empty, StringComparison.Ordinal)
            .Replace(VmConfigXml.NamespaceUri + ":", string.Empty, StringComparison.Ordinal).TrimEnd('.');
        if (node is XElement { Parent: { } parent } unknown && parent.Name == VmConfigXml.Ns + "actions"
            && clean.Contains("invalid child element", StringComparison.Ordinal))
        {
            var id = unknown.Attribute("id")?.Value;
            return Error(sourceName, node, $"unknown action <{unknown.Name.LocalName}>{(id is null ? string.Empty : $" (node '{id}')")}; expected one of: "
                + string.Join(", ", Enum.GetNames<ActionKind>().Select(n => "<" + n.ToLowerInvariant() + ">")), id, inner);
        }

        var prefix = nodeId is null ? string.Empty : $"node '{nodeId}': ";
        return Error(sourceName, node, prefix + (clean.Length > 0 ? char.ToLowerInvariant(clean[0]) + clean[1..] : clean), nodeId, inner);
    }

    [GeneratedRegex(@"\s*Line \d+, position \d+\.?$")]
    private static partial Regex PositionSuffix();
}
