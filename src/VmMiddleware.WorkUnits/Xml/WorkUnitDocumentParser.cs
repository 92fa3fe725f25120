using System.Xml;
using System.Xml.Linq;
using VmMiddleware.WorkUnits.Literals;

namespace VmMiddleware.WorkUnits.Xml;

/// <summary>Maps a schema-valid work-unit document to the model, applying the rules the schema cannot express.</summary>
/// <param name="sourceName">The name error messages give the document.</param>
/// <param name="baseDirectory">The absolute directory relative host paths are resolved against.</param>
internal sealed partial class WorkUnitDocumentParser(string sourceName, string baseDirectory)
{
    private static readonly XNamespace Ns = WorkUnitXml.Ns;

    /// <summary>Builds the work unit from the root &lt;workunit&gt; element.</summary>
    public WorkUnit Parse(XElement root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var condor = root.Element(Ns + "condor");
        var network = root.Element(Ns + "network");
        var unit = Build(root, () => new WorkUnit
        {
            Name = (string)root.Attribute("name")!,
            Image = ParseImage(root.Element(Ns + "image")!),
            Disks = ParseDisks(root.Element(Ns + "disks")),
            Kernel = ParseKernel(root.Element(Ns + "kernel")),
            Hardware = ParseHardware(root.Element(Ns + "hardware")),
            Command = root.Element(Ns + "command") is { } command ? ParseCommand(command) : null,
            Inputs = ParseInputs(root.Element(Ns + "inputs")),
            Outputs = ParseOutputs(root.Element(Ns + "outputs")),
            Limits = ParseLimits(root.Element(Ns + "limits")),
            Checkpoint = ParseCheckpoint(root.Element(Ns + "checkpoint")),
            Network = network is null ? NetworkPolicy.None : WorkUnitXml.ParseNetwork((string)network.Attribute("mode")!),
            MacAddress = (string?)network?.Attribute("mac"),
            ReturnDisks = root.Element(Ns + "diskReturn") is { } diskReturn ? WorkUnitXml.ParseDiskReturn((string)diskReturn.Attribute("form")!) : DiskReturn.None,
            Requirements = Expression(condor?.Element(Ns + "requirements")),
            Rank = Expression(condor?.Element(Ns + "rank")),
            CustomAttributes = ParseCustomAttributes(condor),
        });
        return unit.Inconsistency() is { } problem ? throw Fail(root, "element <workunit>: " + problem) : unit;
    }

    private VirtualHardware ParseHardware(XElement? element)
    {
        if (element is null)
        {
            return VirtualHardware.Default;
        }

        var hardware = VirtualHardware.Default;
        if (element.Attribute("vcpus") is { } vcpus)
        {
            hardware = hardware with { Vcpus = XmlConvert.ToInt32(vcpus.Value) };
        }

        if (element.Attribute("memory") is { } memory)
        {
            hardware = hardware with { MemoryMiB = MiB(memory) };
        }

        if (element.Attribute("disk") is { } disk)
        {
            hardware = hardware with { DiskMiB = MiB(disk) };
        }

        return hardware;
    }

    private GuestCommand ParseCommand(XElement element)
    {
        var environment = new List<KeyValuePair<string, string>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var env in element.Elements(Ns + "env"))
        {
            var name = env.Attribute("name")!;
            if (!seen.Add(name.Value))
            {
                throw Fail(name, $"attribute 'name' of <env>: '{name.Value}' is already set; expected each environment variable once");
            }

            environment.Add(new(name.Value, (string)env.Attribute("value")!));
        }

        var workingDirectory = element.Attribute("workingDirectory");
        if (workingDirectory is not null && !workingDirectory.Value.StartsWith('/'))
        {
            throw Fail(workingDirectory, $"attribute 'workingDirectory' of <command>: '{workingDirectory.Value}' is relative; expected an absolute path inside the guest");
        }

        return Build(element, () => new GuestCommand
        {
            Executable = (string)element.Attribute("executable")!,
            Arguments = [.. element.Elements(Ns + "arg").Select(a => a.Value)],
            Environment = environment.ToDictionary(),
            WorkingDirectory = workingDirectory?.Value,
        });
    }

    private Limits ParseLimits(XElement? element)
    {
        var limits = Limits.Default;
        if (element?.Attribute("wallTime") is { } wallTime)
        {
            limits = limits with { WallTime = Duration(wallTime) };
        }

        if (element?.Attribute("maxOutput") is { } maxOutput)
        {
            limits = limits with { MaxOutputBytes = Bytes(maxOutput) };
        }

        if (element?.Attribute("heartbeatTimeout") is { } heartbeat)
        {
            limits = limits with { HeartbeatTimeout = Duration(heartbeat) };
        }

        return limits;
    }

    private static CheckpointPolicy ParseCheckpoint(XElement? element) => new()
    {
        OnEviction = element?.Attribute("onEviction") is not { } onEviction || XmlConvert.ToBoolean(onEviction.Value),
        AfterBoot = element?.Attribute("afterBoot") is { } afterBoot && XmlConvert.ToBoolean(afterBoot.Value),
    };

    private Dictionary<string, string> ParseCustomAttributes(XElement? condor)
    {
        // Insertion order is kept: Dictionary enumerates in insertion order when nothing is removed.
        var attributes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var attribute in condor?.Elements(Ns + "attribute") ?? [])
        {
            var name = attribute.Attribute("name")!;
            if (!attributes.TryAdd(name.Value, Expression(attribute)!))
            {
                throw Fail(name, $"attribute 'name' of <attribute>: '{name.Value}' is already defined; expected each ClassAd attribute once (names ignore case)");
            }
        }

        return attributes;
    }

    private string? Expression(XElement? element)
    {
        if (element is null)
        {
            return null;
        }

        var text = element.Value.Trim();
        return text.Length > 0 ? text : throw Fail(element, $"element {SchemaErrorTranslator.Show(element.Name)} is blank; expected a ClassAd expression");
    }

    private int MiB(XAttribute attribute) =>
        SizeLiteral.TryParseMiB(attribute.Value, out var value, out var problem) ? value : throw AttributeFail(attribute, problem);

    private long Bytes(XAttribute attribute) =>
        SizeLiteral.TryParseBytes(attribute.Value, out var value, out var problem) ? value : throw AttributeFail(attribute, problem);

    private TimeSpan Duration(XAttribute attribute) =>
        DurationLiteral.TryParse(attribute.Value, out var value, out var problem) ? value : throw AttributeFail(attribute, problem);

    private T Build<T>(XElement at, Func<T> create)
    {
        try
        {
            return create();
        }
        catch (ArgumentException e)
        {
            throw Fail(at, $"element {SchemaErrorTranslator.Show(at.Name)}: {e.Message}", e);
        }
    }

    private WorkUnitFormatException AttributeFail(XAttribute attribute, string problem) =>
        Fail(attribute, $"attribute '{attribute.Name.LocalName}' of {SchemaErrorTranslator.Show(attribute.Parent!.Name)}: {problem}");

    private WorkUnitFormatException Fail(XObject at, string detail, Exception? inner = null) =>
        WorkUnitReader.Error(sourceName, at, detail, inner);
}
