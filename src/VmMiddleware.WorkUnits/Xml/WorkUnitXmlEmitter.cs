using System.Xml;
using VmMiddleware.WorkUnits.Literals;

namespace VmMiddleware.WorkUnits.Xml;

/// <summary>Emits one work unit as elements of the work-unit namespace.</summary>
/// <param name="xml">The destination.</param>
/// <param name="baseDirectory">The absolute directory host paths are written relative to, where they lie below it.</param>
internal sealed class WorkUnitXmlEmitter(XmlWriter xml, string baseDirectory)
{
    /// <summary>Writes the whole document.</summary>
    public void Emit(WorkUnit workUnit)
    {
        xml.WriteStartDocument();
        xml.WriteStartElement("workunit", WorkUnitXml.NamespaceUri);
        xml.WriteAttributeString("name", workUnit.Name);
        EmitImage(workUnit.Image);
        EmitDisks(workUnit.Disks);
        if (workUnit.Kernel is { } kernel)
        {
            Empty(
                "kernel",
                ("path", HostPath(kernel.Kernel)),
                kernel.Initrd is { } initrd ? ("initrd", HostPath(initrd)) : null,
                kernel.Root is { } root ? ("root", root) : null,
                kernel.Parameters is { } parameters ? ("parameters", parameters) : null);
        }

        Empty(
            "hardware",
            ("vcpus", XmlConvert.ToString(workUnit.Hardware.Vcpus)),
            ("memory", SizeLiteral.FormatMiB(workUnit.Hardware.MemoryMiB)),
            ("disk", SizeLiteral.FormatMiB(workUnit.Hardware.DiskMiB)));
        if (workUnit.Command is { } command)
        {
            EmitCommand(command);
        }

        EmitInputs(workUnit.Inputs);
        EmitOutputs(workUnit.Outputs);
        Empty(
            "limits",
            ("wallTime", DurationLiteral.Format(workUnit.Limits.WallTime)),
            ("maxOutput", SizeLiteral.FormatBytes(workUnit.Limits.MaxOutputBytes)),
            ("heartbeatTimeout", DurationLiteral.Format(workUnit.Limits.HeartbeatTimeout)));
        Empty(
            "checkpoint",
            ("onEviction", XmlConvert.ToString(workUnit.Checkpoint.OnEviction)),
            ("afterBoot", XmlConvert.ToString(workUnit.Checkpoint.AfterBoot)));
        Empty("network", ("mode", WorkUnitXml.ToXml(workUnit.Network)), workUnit.MacAddress is { } mac ? ("mac", mac) : null);
        if (workUnit.ReturnDisks != DiskReturn.None)
        {
            Empty("diskReturn", ("form", WorkUnitXml.ToXml(workUnit.ReturnDisks)));
        }

        EmitCondor(workUnit);
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private void EmitImage(ImageSpec image)
    {
        Empty(
            "image",
            ("kind", WorkUnitXml.ToXml(image.Kind)),
            Location(image.Location),
            image.Format is { } format ? ("format", WorkUnitXml.ToXml(format)) : null,
            image.Sha256 is { } sha256 ? ("sha256", sha256) : null,
            image.Device is { } device ? ("device", device) : null,
            image.ReadOnly ? ("readOnly", "true") : null);
    }

    private void EmitDisks(IReadOnlyList<AttachedDisk> disks)
    {
        if (disks.Count == 0)
        {
            return;
        }

        xml.WriteStartElement("disks", WorkUnitXml.NamespaceUri);
        foreach (var disk in disks)
        {
            Empty(
                "disk",
                Location(disk.Location),
                ("device", disk.Device),
                disk.ReadOnly ? ("readOnly", "true") : null,
                disk.Format is { } format ? ("format", WorkUnitXml.ToXml(format)) : null);
        }

        xml.WriteEndElement();
    }

    private (string Name, string Value)? Location(ImageLocation? location) => location switch
    {
        null => null,
        { Kind: ImageLocationKind.HostPath } l => ("path", HostPath(l.Value)),
        { Kind: ImageLocationKind.CacheReference } l => ("ref", l.Value),
        var l => ("url", l.Value),
    };

    private void EmitCommand(GuestCommand command)
    {
        xml.WriteStartElement("command", WorkUnitXml.NamespaceUri);
        xml.WriteAttributeString("executable", command.Executable);
        if (command.WorkingDirectory is { } workingDirectory)
        {
            xml.WriteAttributeString("workingDirectory", workingDirectory);
        }

        foreach (var argument in command.Arguments)
        {
            xml.WriteElementString("arg", WorkUnitXml.NamespaceUri, argument);
        }

        foreach (var (name, value) in command.Environment)
        {
            Empty("env", ("name", name), ("value", value));
        }

        xml.WriteEndElement();
    }

    private void EmitInputs(IReadOnlyList<InputItem> inputs)
    {
        if (inputs.Count == 0)
        {
            return;
        }

        xml.WriteStartElement("inputs", WorkUnitXml.NamespaceUri);
        foreach (var input in inputs)
        {
            var target = input.Target == InputItem.DefaultTarget(input.Source) ? null : ((string, string)?)("target", input.Target);
            Empty(input.Kind == InputKind.Directory ? "directory" : "file", ("source", HostPath(input.Source)), target);
        }

        xml.WriteEndElement();
    }

    private void EmitOutputs(IReadOnlyList<OutputSpec> outputs)
    {
        if (outputs.Count == 0)
        {
            return;
        }

        xml.WriteStartElement("outputs", WorkUnitXml.NamespaceUri);
        foreach (var output in outputs)
        {
            Empty(output.IsDirectory ? "directory" : "file", ("path", output.Path));
        }

        xml.WriteEndElement();
    }

    private void EmitCondor(WorkUnit workUnit)
    {
        if (workUnit.Requirements is null && workUnit.Rank is null && workUnit.CustomAttributes.Count == 0)
        {
            return;
        }

        xml.WriteStartElement("condor", WorkUnitXml.NamespaceUri);
        if (workUnit.Requirements is { } requirements)
        {
            xml.WriteElementString("requirements", WorkUnitXml.NamespaceUri, requirements);
        }

        if (workUnit.Rank is { } rank)
        {
            xml.WriteElementString("rank", WorkUnitXml.NamespaceUri, rank);
        }

        foreach (var (name, expression) in workUnit.CustomAttributes)
        {
            xml.WriteStartElement("attribute", WorkUnitXml.NamespaceUri);
            xml.WriteAttributeString("name", name);
            xml.WriteString(expression);
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private void Empty(string element, params (string Name, string Value)?[] attributes)
    {
        xml.WriteStartElement(element, WorkUnitXml.NamespaceUri);
        foreach (var attribute in attributes)
        {
            if (attribute is { } a)
            {
                xml.WriteAttributeString(a.Name, a.Value);
            }
        }

        xml.WriteEndElement();
    }

    // Paths below the document's directory are written relative so the file and its inputs can move together.
    private string HostPath(string path)
    {
        var relative = Path.GetRelativePath(baseDirectory, path);
        return relative == ".." || relative.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }
}
