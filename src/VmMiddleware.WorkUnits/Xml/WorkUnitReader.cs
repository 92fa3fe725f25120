using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using VmMiddleware.WorkUnits.Text;

namespace VmMiddleware.WorkUnits.Xml;

/// <summary>Reads work-unit XML files (namespace urn:vmmiddleware:workunit:1), validating them against workunit.xsd and the model's rules.</summary>
public static partial class WorkUnitReader
{
    /// <summary>The largest document accepted, in characters (1 MiB).</summary>
    public const int MaxDocumentChars = 1 << 20;

    /// <summary>Reads the work unit in the UTF-8 file at <paramref name="path"/>, resolving host paths against the file's directory.</summary>
    /// <param name="path">The work-unit file; messages name it as given.</param>
    /// <returns>The validated work unit.</returns>
    /// <exception cref="WorkUnitFormatException">The file is missing, malformed or invalid.</exception>
    public static WorkUnit Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Read(path, WorkUnitXml.LoadSchemas());
    }

    /// <summary>Reads the work-unit file at <paramref name="path"/>, validating against <paramref name="schemas"/>, which the caller compiled once for many files (on one thread).</summary>
    internal static WorkUnit Read(string path, XmlSchemaSet schemas)
    {
        var fullPath = Path.GetFullPath(path);
        var text = ReadLimited(new StringReader(ReadFileText(fullPath, path)), path);
        return Parse(text, path, Path.GetDirectoryName(fullPath) ?? fullPath, schemas);
    }

    /// <summary>Reads an XML file's text: UTF-8 strictly (an invalid byte is a positioned error, never U+FFFD), or UTF-16/32 when a byte-order mark says so.</summary>
    internal static string ReadFileText(string fullPath, string path)
    {
        byte[]? bytes;
        try
        {
            bytes = StrictUtf8.ReadBytes(fullPath, 4L * MaxDocumentChars);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new WorkUnitFormatException(path, 0, 0, "the file does not exist", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new WorkUnitFormatException(path, 0, 0, "the file cannot be read: permission denied", e);
        }

        if (bytes is null)
        {
            throw new WorkUnitFormatException(path, 0, 0, $"the document is larger than {MaxDocumentChars} characters; expected a work-unit file of at most 1 MiB");
        }

        return StrictUtf8.TryDecodeText(bytes, out var text, out var error)
            ? text!
            : throw new WorkUnitFormatException(path, error.Line, error.Column, error.Detail);
    }

    /// <summary>Reads a work unit from <paramref name="reader"/>.</summary>
    /// <param name="reader">The XML text.</param>
    /// <param name="sourceName">The name error messages give the document, usually its file name.</param>
    /// <param name="baseDirectory">The directory relative host paths (inputs, image path) are resolved against.</param>
    /// <returns>The validated work unit.</returns>
    /// <exception cref="WorkUnitFormatException">The document is too large, malformed or invalid.</exception>
    public static WorkUnit Read(TextReader reader, string sourceName, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sourceName);
        ArgumentException.ThrowIfNullOrEmpty(baseDirectory);
        return Parse(ReadLimited(reader, sourceName), sourceName, baseDirectory, WorkUnitXml.LoadSchemas());
    }

    private static WorkUnit Parse(string text, string sourceName, string baseDirectory, XmlSchemaSet schemas)
    {
        var document = Load(text, sourceName);
        var root = document.Root!;
        if (root.Name != WorkUnitXml.Root)
        {
            throw Error(sourceName, root, $"the root element is {SchemaErrorTranslator.Show(root.Name)}; expected <workunit xmlns=\"{WorkUnitXml.NamespaceUri}\">");
        }

        Validate(document, sourceName, schemas);
        return new WorkUnitDocumentParser(sourceName, Path.GetFullPath(baseDirectory)).Parse(root);
    }

    internal static WorkUnitFormatException Error(string sourceName, XObject? at, string detail, Exception? inner = null)
    {
        var info = at as IXmlLineInfo;
        return info is { } && info.HasLineInfo()
            ? new WorkUnitFormatException(sourceName, info.LineNumber, info.LinePosition, detail, inner)
            : new WorkUnitFormatException(sourceName, 0, 0, detail, inner);
    }

    internal static string ReadLimited(TextReader reader, string sourceName)
    {
        var buffer = new char[MaxDocumentChars + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = reader.Read(buffer, length, buffer.Length - length)) > 0)
        {
            length += read;
        }

        return length > MaxDocumentChars
            ? throw new WorkUnitFormatException(sourceName, 0, 0, $"the document is larger than {MaxDocumentChars} characters; expected a work-unit file of at most 1 MiB")
            : new string(buffer, 0, length);
    }

    internal static XDocument Load(string text, string sourceName)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = MaxDocumentChars,
            MaxCharactersFromEntities = 0,
        };
        try
        {
            using var xml = XmlReader.Create(new StringReader(text), settings);
            var document = XDocument.Load(xml, LoadOptions.SetLineInfo | LoadOptions.PreserveWhitespace);
            DropInsignificantWhitespace(document);
            return document;
        }
        catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.Ordinal))
        {
            var (line, column) = PositionOf(text, text.IndexOf("<!DOCTYPE", StringComparison.Ordinal));
            throw new WorkUnitFormatException(sourceName, line, column, "a document type declaration (<!DOCTYPE ...>) is not allowed; expected a work-unit file without a DTD", e);
        }
        catch (XmlException e) when (string.IsNullOrWhiteSpace(text))
        {
            throw new WorkUnitFormatException(sourceName, 1, 1, "the document is empty; expected a <workunit> element", e);
        }
        catch (XmlException e)
        {
            var detail = Uncapitalize(PositionSuffix().Replace(e.Message, string.Empty).TrimEnd('.'));
            throw new WorkUnitFormatException(sourceName, Math.Max(e.LineNumber, 1), Math.Max(e.LinePosition, 1), "malformed XML: " + detail, e);
        }
    }

    // Whitespace matters only inside <arg>; elsewhere it is layout, and the schema would reject it in empty elements.
    private static void DropInsignificantWhitespace(XDocument document)
    {
        var layout = document.DescendantNodes()
            .OfType<XText>()
            .Where(t => string.IsNullOrWhiteSpace(t.Value) && t.Parent?.Name != WorkUnitXml.Ns + "arg")
            .ToList();
        foreach (var text in layout)
        {
            text.Remove();
        }
    }

    private static void Validate(XDocument document, string sourceName, XmlSchemaSet schemas)
    {
        var translator = new SchemaErrorTranslator(schemas);
        document.Validate(schemas, (sender, args) =>
        {
            if (args.Severity == XmlSeverityType.Error)
            {
                var node = sender as XObject;
                throw Error(sourceName, node, translator.Describe(node, args), args.Exception);
            }
        });
    }

    private static (int Line, int Column) PositionOf(string text, int index)
    {
        if (index < 0)
        {
            return (1, 1);
        }

        var lineStart = text.LastIndexOf('\n', Math.Max(index - 1, 0)) + 1;
        var line = 1 + text.AsSpan(0, index).Count('\n');
        return (line, index - lineStart + 1);
    }

    private static string Uncapitalize(string text) => text.Length > 0 ? char.ToLowerInvariant(text[0]) + text[1..] : text;

    [GeneratedRegex(@"\s*Line \d+, position \d+\.?$")]
    private static partial Regex PositionSuffix();
}
