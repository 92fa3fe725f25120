using System.Globalization;
using System.Xml.Linq;
using VmMiddleware.Host.Sizes;

namespace VmMiddleware.Images.Dag;

/// <summary>Turns a schema-valid vmconfig element tree into a <see cref="ConfigDag"/>, resolving host paths.</summary>
/// <param name="sourceName">The document's name for messages.</param>
/// <param name="baseDirectory">The absolute directory relative host paths resolve against.</param>
internal sealed class DagDocumentParser(string sourceName, string baseDirectory)
{
    private static readonly XNamespace Ns = VmConfigXml.Ns;

    public ConfigDag Parse(XElement root)
    {
        var nodes = root.Element(Ns + "actions")!.Elements().Select(ParseNode).ToList();
        var edges = (root.Element(Ns + "edges")?.Elements(Ns + "edge") ?? [])
            .Select(e => new DagEdge((string)e.Attribute("from")!, (string)e.Attribute("to")!, Line(e), Column(e)))
            .ToList();
        return new ConfigDag((string)root.Attribute("name")!, sourceName, nodes, edges);
    }

    private DagNode ParseNode(XElement element)
    {
        var id = (string)element.Attribute("id")!;
        DagAction action = element.Name.LocalName switch
        {
            "base" => Base(element, id),
            "copy" => Copy(element, id),
            "script" => Script(element, id),
            "packages" => Packages(element, id),
            "user" => new UserAction(
                (string)element.Attribute("name")!,
                element.Attribute("uid") is { } uid ? uint.Parse(uid.Value, CultureInfo.InvariantCulture) : null,
                (string?)element.Attribute("groups"),
                (string?)element.Attribute("shell")),
            "environment" => new EnvironmentAction(Pairs(element, "variable")),
            "hostname" => new HostnameAction((string)element.Attribute("name")!),
            "resize" => new ResizeAction(ParseSize(element, id)),
            "provides" => new ProvidesAction(Pairs(element, "attribute")),
            _ => throw DagReader.Error(sourceName, element, $"unknown action <{element.Name.LocalName}> (node '{id}')", id),
        };
        return new DagNode(id, action, Line(element), Column(element));
    }

    private BaseAction Base(XElement element, string id)
    {
        var reference = (string?)element.Attribute("ref");
        var path = HostPath(element, "path");
        if ((reference is null) == (path is null))
        {
            throw DagReader.Error(sourceName, element, $"base '{id}' needs exactly one of the attributes 'ref' (a registered base) or 'path' (a disk image)", id);
        }

        return new BaseAction(reference, path, (string?)element.Attribute("format"), HostPath(element, "kernel"));
    }

    private CopyAction Copy(XElement element, string id)
    {
        var source = ContainedPath(element, "source", $"copy '{id}'", id)!;
        return File.Exists(source) || Directory.Exists(source)
            ? new CopyAction(source, (string)element.Attribute("target")!)
            : throw DagReader.Error(sourceName, element, $"copy '{id}': the source {source} does not exist", id);
    }

    private ScriptAction Script(XElement element, string id)
    {
        var source = ContainedPath(element, "source", $"script '{id}'", id);
        var inline = element.Value;
        if (source is not null && !string.IsNullOrWhiteSpace(inline))
        {
            throw DagReader.Error(sourceName, element, $"script '{id}' has both a source file and inline text; expected one of them", id);
        }

        if (source is null)
        {
            return string.IsNullOrWhiteSpace(inline)
                ? throw DagReader.Error(sourceName, element, $"script '{id}' is empty; expected the script text or a source attribute", id)
                : new ScriptAction(inline);
        }

        try
        {
            return new ScriptAction(File.ReadAllText(source));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw DagReader.Error(sourceName, element, $"script '{id}': cannot read {source}: {e.Message}", id, e);
        }
    }

    private PackagesAction Packages(XElement element, string id)
    {
        var directory = ContainedPath(element, "directory", $"packages '{id}'", id);
        var mirror = (string?)element.Attribute("mirror");
        if ((directory is null) == (mirror is null))
        {
            throw DagReader.Error(sourceName, element, $"packages '{id}' needs exactly one of the attributes 'directory' (shipped .deb files) or 'mirror' (a site mirror URL)", id);
        }

        if (directory is not null && !Directory.Exists(directory))
        {
            throw DagReader.Error(sourceName, element, $"packages '{id}': the package directory {directory} does not exist", id);
        }

        return new PackagesAction(directory, mirror, element.Elements(Ns + "package").Select(p => (string)p.Attribute("name")!).ToList());
    }

    private static List<KeyValuePair<string, string>> Pairs(XElement element, string child) =>
        element.Elements(Ns + child).Select(v => KeyValuePair.Create((string)v.Attribute("name")!, (string)v.Attribute("value")!)).ToList();

    /// <summary>A host path whose content goes into the image: it must stay inside the configuration's directory.</summary>
    private string? ContainedPath(XElement element, string attribute, string action, string id)
    {
        var path = HostPath(element, attribute);
        return path is not null && ConfigDirectory.Escape(baseDirectory, path) is { } escape
            ? throw DagReader.Error(sourceName, element, $"{action}: the {attribute} '{element.Attribute(attribute)!.Value}' {escape}; expected a path inside it", id)
            : path;
    }

    private string? HostPath(XElement element, string attribute) =>
        element.Attribute(attribute) is { } a ? Path.GetFullPath(a.Value, baseDirectory) : null;

    /// <summary>The resize size in bytes (a bare number is bytes, as vmconfig.xsd documents), or an error at the attribute.</summary>
    private long ParseSize(XElement element, string id)
    {
        var attribute = element.Attribute("size")!;
        return SizeSyntax.TryParse(attribute.Value, SizeUnit.Bytes, out var bytes, out var error)
            ? bytes
            : throw DagReader.Error(sourceName, attribute, error.Kind == SizeErrorKind.TooLarge
                ? $"resize '{id}': the size '{attribute.Value}' is too large; expected at most {SizeSyntax.Largest}"
                : $"resize '{id}': '{attribute.Value}' is not a size (at character {error.Offset + 1}); expected {SizeSyntax.Description}", id);
    }

    private static int Line(XElement e) => ((System.Xml.IXmlLineInfo)e).LineNumber;

    private static int Column(XElement e) => ((System.Xml.IXmlLineInfo)e).LinePosition;
}
