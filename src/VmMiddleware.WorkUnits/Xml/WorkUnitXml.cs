using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace VmMiddleware.WorkUnits.Xml;

/// <summary>The work-unit XML vocabulary: namespace, element names, enumeration spellings and the embedded schema.</summary>
internal static class WorkUnitXml
{
    /// <summary>The target namespace of workunit.xsd.</summary>
    public const string NamespaceUri = "urn:vmmiddleware:workunit:1";

    private const string SchemaResource = "VmMiddleware.WorkUnits.Xml.workunit.xsd";

    /// <summary>Gets the work-unit namespace.</summary>
    public static XNamespace Ns { get; } = NamespaceUri;

    /// <summary>Gets the name of the root element.</summary>
    public static XName Root { get; } = Ns + "workunit";

    /// <summary>Returns the XML spelling of an image kind.</summary>
    public static string ToXml(ImageKind kind) => kind switch
    {
        ImageKind.ReferenceGuest => "reference-guest",
        ImageKind.RootFilesystem => "rootfs",
        ImageKind.BootableDisk => "disk",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown image kind."),
    };

    /// <summary>Parses the XML spelling of an image kind (already checked by the schema).</summary>
    public static ImageKind ParseImageKind(string text) => text switch
    {
        "reference-guest" => ImageKind.ReferenceGuest,
        "rootfs" => ImageKind.RootFilesystem,
        "disk" => ImageKind.BootableDisk,
        _ => throw new ArgumentOutOfRangeException(nameof(text), text, "Unknown image kind."),
    };

    /// <summary>Returns the XML (and QEMU) spelling of an image format.</summary>
    public static string ToXml(ImageFormat format) => format switch
    {
        ImageFormat.Qcow2 => "qcow2",
        ImageFormat.Raw => "raw",
        ImageFormat.Vmdk => "vmdk",
        ImageFormat.Vdi => "vdi",
        ImageFormat.Vhdx => "vhdx",
        ImageFormat.Vpc => "vpc",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown image format."),
    };

    /// <summary>Parses the XML spelling of an image format (already checked by the schema).</summary>
    public static ImageFormat ParseImageFormat(string text) => text switch
    {
        "qcow2" => ImageFormat.Qcow2,
        "raw" => ImageFormat.Raw,
        "vmdk" => ImageFormat.Vmdk,
        "vdi" => ImageFormat.Vdi,
        "vhdx" => ImageFormat.Vhdx,
        "vpc" => ImageFormat.Vpc,
        _ => throw new ArgumentOutOfRangeException(nameof(text), text, "Unknown image format."),
    };

    /// <summary>Returns the XML spelling of a network policy.</summary>
    public static string ToXml(NetworkPolicy network) => network switch
    {
        NetworkPolicy.None => "none",
        NetworkPolicy.User => "user",
        _ => throw new ArgumentOutOfRangeException(nameof(network), network, "Unknown network policy."),
    };

    /// <summary>Parses the XML spelling of a network policy (already checked by the schema).</summary>
    public static NetworkPolicy ParseNetwork(string text) => text switch
    {
        "none" => NetworkPolicy.None,
        "user" => NetworkPolicy.User,
        _ => throw new ArgumentOutOfRangeException(nameof(text), text, "Unknown network mode."),
    };

    /// <summary>Returns the XML spelling of a disk return form.</summary>
    public static string ToXml(DiskReturn form) => form switch
    {
        DiskReturn.None => "none",
        DiskReturn.Whole => "whole",
        DiskReturn.Delta => "delta",
        _ => throw new ArgumentOutOfRangeException(nameof(form), form, "Unknown disk return."),
    };

    /// <summary>Parses the XML spelling of a disk return form (already checked by the schema).</summary>
    public static DiskReturn ParseDiskReturn(string text) => text switch
    {
        "none" => DiskReturn.None,
        "whole" => DiskReturn.Whole,
        "delta" => DiskReturn.Delta,
        _ => throw new ArgumentOutOfRangeException(nameof(text), text, "Unknown disk return form."),
    };

    /// <summary>Loads and compiles a fresh schema set from the embedded workunit.xsd.</summary>
    /// <remarks>A fresh set per call because <see cref="XmlSchemaSet"/> is not documented as safe to share between threads.</remarks>
    public static XmlSchemaSet LoadSchemas()
    {
        using var stream = typeof(WorkUnitXml).Assembly.GetManifestResourceStream(SchemaResource)
            ?? throw new InvalidOperationException($"The embedded resource {SchemaResource} is missing.");
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        using var reader = XmlReader.Create(stream, settings);
        var set = new XmlSchemaSet { XmlResolver = null };
        set.Add(NamespaceUri, reader);
        set.Compile();
        return set;
    }
}
