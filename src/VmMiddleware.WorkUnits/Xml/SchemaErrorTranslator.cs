using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using VmMiddleware.WorkUnits.Literals;

namespace VmMiddleware.WorkUnits.Xml;

/// <summary>Turns the framework's schema-validation messages into short ones that say what is wrong and what was expected.</summary>
/// <param name="schemas">The compiled work-unit schema, used to list allowed attributes and describe value types.</param>
internal sealed partial class SchemaErrorTranslator(XmlSchemaSet schemas)
{
    /// <summary>Describes the validation error <paramref name="args"/> raised at <paramref name="node"/>.</summary>
    public string Describe(XObject? node, ValidationEventArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var message = args.Message;
        return node switch
        {
            XAttribute attribute => DescribeAttribute(attribute, message),
            XElement element => DescribeElement(element, message),
            XText { Parent: { } parent } when message.Contains("cannot contain", StringComparison.Ordinal) => DescribeElement(parent, message),
            _ => Clean(message),
        };
    }

    /// <summary>Formats an element name the way messages show it: &lt;name&gt;, with its namespace when it is not ours.</summary>
    public static string Show(XName name) =>
        name.Namespace == WorkUnitXml.Ns ? $"<{name.LocalName}>" : $"<{name.LocalName} xmlns=\"{name.NamespaceName}\">";

    private string DescribeAttribute(XAttribute attribute, string message)
    {
        var owner = attribute.Parent is { } parent ? Show(parent.Name) : "<?>";
        var type = attribute.Parent is { } p ? FindType(p) as XmlSchemaComplexType : null;
        if (message.Contains("attribute is not declared", StringComparison.Ordinal))
        {
            var allowed = type?.AttributeUses.Values.Cast<XmlSchemaAttribute>().Select(a => a.QualifiedName.Name).ToList() ?? [];
            var expected = allowed.Count == 0 ? "no attributes" : "one of: " + string.Join(", ", allowed);
            return $"attribute '{attribute.Name.LocalName}' is not allowed on {owner}; expected {expected}";
        }

        if (message.Contains("attribute is invalid", StringComparison.Ordinal))
        {
            var declared = type?.AttributeUses[new XmlQualifiedName(attribute.Name.LocalName)] as XmlSchemaAttribute;
            return $"attribute '{attribute.Name.LocalName}' of {owner}: '{attribute.Value}' is not valid; expected {Expectation(declared?.AttributeSchemaType)}";
        }

        return Clean(message);
    }

    private string DescribeElement(XElement element, string message)
    {
        var expected = ExpectedList().Match(message) is { Success: true } match ? ExpectedText(match.Groups[1].Value) : null;
        if (message.Contains("has invalid child element", StringComparison.Ordinal))
        {
            var parent = element.Parent is { } p ? Show(p.Name) : "the document";
            return $"element {Show(element.Name)} is not allowed in {parent}; expected {expected ?? $"the end of {parent}"}";
        }

        if (message.Contains("has incomplete content", StringComparison.Ordinal))
        {
            return $"element {Show(element.Name)} is incomplete; expected {expected ?? "more content"}";
        }

        if (RequiredAttribute().Match(message) is { Success: true } required)
        {
            return $"element {Show(element.Name)} is missing the required attribute '{required.Groups[1].Value}'";
        }

        if (message.Contains("cannot contain text", StringComparison.Ordinal)
            || message.Contains("cannot contain whitespace", StringComparison.Ordinal))
        {
            return $"element {Show(element.Name)} cannot contain text; expected {expected ?? "no content"}";
        }

        if (message.Contains("element is invalid", StringComparison.Ordinal))
        {
            var type = FindType(element);
            var simple = type as XmlSchemaSimpleType ?? (type as XmlSchemaComplexType)?.BaseXmlSchemaType as XmlSchemaSimpleType;
            var expectation = element.Parent?.Name == WorkUnitXml.Ns + "condor" ? "a ClassAd expression" : Expectation(simple);
            return element.Value.Length == 0
                ? $"element {Show(element.Name)} is empty; expected {expectation}"
                : $"element {Show(element.Name)}: '{element.Value}' is not valid; expected {expectation}";
        }

        return Clean(message);
    }

    private XmlSchemaType? FindType(XElement element)
    {
        if (element.Parent is null)
        {
            var global = schemas.GlobalElements[new XmlQualifiedName(element.Name.LocalName, element.Name.NamespaceName)];
            return (global as XmlSchemaElement)?.ElementSchemaType;
        }

        return FindType(element.Parent) is XmlSchemaComplexType { ContentTypeParticle: { } particle }
            ? FindChild(particle, element.Name)?.ElementSchemaType
            : null;
    }

    private static XmlSchemaElement? FindChild(XmlSchemaParticle particle, XName name) => particle switch
    {
        XmlSchemaElement e when e.QualifiedName.Name == name.LocalName && e.QualifiedName.Namespace == name.NamespaceName => e,
        XmlSchemaGroupBase group => group.Items.OfType<XmlSchemaParticle>().Select(p => FindChild(p, name)).FirstOrDefault(e => e is not null),
        _ => null,
    };

    private static string Expectation(XmlSchemaSimpleType? type)
    {
        if (type is null)
        {
            return "a valid value";
        }

        var named = type.QualifiedName.Namespace == WorkUnitXml.NamespaceUri ? type.QualifiedName.Name : null;
        var enumeration = (type.Content as XmlSchemaSimpleTypeRestriction)?.Facets.OfType<XmlSchemaEnumerationFacet>().Select(f => f.Value).ToList();
        return named switch
        {
            "size" => SizeLiteral.Expectation,
            "name" => WorkUnitRules.NameExpectation,
            "identifier" => WorkUnitRules.IdentifierExpectation,
            "sha256" => WorkUnitRules.Sha256Expectation,
            "cacheReference" => "sha256: followed by " + WorkUnitRules.Sha256Expectation,
            "vmimageUrl" => "a URL of the form vmimage://host/id",
            "vcpus" => "a whole number from 1 to 1024",
            "device" => DiskDevices.Expectation,
            "macAddress" => WorkUnitRules.MacAddressExpectation,
            "nonEmptyString" => "a non-empty value",
            _ when enumeration is { Count: > 0 } => "one of: " + string.Join(", ", enumeration),
            _ => type.TypeCode switch
            {
                XmlTypeCode.Duration => DurationLiteral.Expectation,
                XmlTypeCode.Boolean => "true or false",
                _ => $"a value of type {type.TypeCode.ToString().ToLowerInvariant()}",
            },
        };
    }

    private static string ExpectedText(string list)
    {
        var names = list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return names.Length == 1 ? $"<{names[0]}>" : "one of: " + string.Join(", ", names.Select(n => $"<{n}>"));
    }

    private static string Clean(string message)
    {
        var text = message
            .Replace($" in namespace '{WorkUnitXml.NamespaceUri}'", string.Empty, StringComparison.Ordinal)
            .Replace(WorkUnitXml.NamespaceUri + ":", string.Empty, StringComparison.Ordinal)
            .TrimEnd('.');
        return text.Length > 0 ? char.ToLowerInvariant(text[0]) + text[1..] : text;
    }

    [GeneratedRegex("List of possible elements expected: '([^']*)'")]
    private static partial Regex ExpectedList();

    [GeneratedRegex("The required attribute '([^']*)' is missing")]
    private static partial Regex RequiredAttribute();
}
