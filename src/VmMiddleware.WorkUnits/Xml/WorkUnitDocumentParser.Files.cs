using System.Xml;
using System.Xml.Linq;

namespace VmMiddleware.WorkUnits.Xml;

/// <summary>The parts of the document that name files: the image, further disks, a kernel, and the inputs and outputs.</summary>
internal sealed partial class WorkUnitDocumentParser
{
    private static readonly string[] LocationAttributes = ["path", "ref", "url"];

    private ImageSpec ParseImage(XElement element)
    {
        var kind = WorkUnitXml.ParseImageKind((string)element.Attribute("kind")!);
        var locations = LocationAttributes.Select(n => element.Attribute(n)).OfType<XAttribute>().ToList();
        var format = element.Attribute("format");
        var sha256 = element.Attribute("sha256");
        if (kind == ImageKind.ReferenceGuest)
        {
            var extra = locations.Concat([format, sha256]).OfType<XAttribute>().FirstOrDefault();
            if (extra is not null)
            {
                throw Fail(extra, $"attribute '{extra.Name.LocalName}' of <image>: kind 'reference-guest' is the built-in guest; expected no path, ref, url, format or sha256");
            }

            return ImageSpec.ReferenceGuest;
        }

        if (locations.Count == 0)
        {
            throw Fail(element, $"element <image>: kind '{element.Attribute("kind")!.Value}' needs a location; expected one of the attributes path, ref or url");
        }

        var imageLocation = Location(locations);
        if (sha256 is not null && imageLocation.CacheDigest is { } digest && digest != sha256.Value)
        {
            throw Fail(sha256, $"attribute 'sha256' of <image>: '{sha256.Value}' differs from the digest in ref; expected '{digest}' or no sha256");
        }

        var imageFormat = format is null ? (ImageFormat?)null : WorkUnitXml.ParseImageFormat(format.Value);
        var device = element.Attribute("device");
        var readOnly = element.Attribute("readOnly");
        if (kind != ImageKind.BootableDisk && (device ?? readOnly) is { } diskOnly)
        {
            throw Fail(diskOnly, $"attribute '{diskOnly.Name.LocalName}' of <image>: only kind 'disk' is attached as a device; expected no device or readOnly");
        }

        return Build(element, () => new ImageSpec(kind, imageLocation, imageFormat, sha256?.Value, device?.Value, readOnly is not null && XmlConvert.ToBoolean(readOnly.Value)));
    }

    private List<AttachedDisk> ParseDisks(XElement? element)
    {
        var disks = new List<AttachedDisk>();
        foreach (var disk in element?.Elements(Ns + "disk") ?? [])
        {
            var locations = LocationAttributes.Select(n => disk.Attribute(n)).OfType<XAttribute>().ToList();
            var diskLocation = locations.Count > 0 ? Location(locations) : throw Fail(disk, "element <disk> needs a location; expected one of the attributes path, ref or url");
            var format = disk.Attribute("format") is { } f ? WorkUnitXml.ParseImageFormat(f.Value) : (ImageFormat?)null;
            var readOnly = disk.Attribute("readOnly") is { } r && XmlConvert.ToBoolean(r.Value);
            disks.Add(Build(disk, () => new AttachedDisk(diskLocation, (string)disk.Attribute("device")!, readOnly, format)));
        }

        return disks;
    }

    /// <summary>Reads the one location attribute (path, ref or url) of an &lt;image&gt; or &lt;disk&gt;.</summary>
    private ImageLocation Location(List<XAttribute> locations)
    {
        var location = locations[0];
        var owner = location.Parent!.Name.LocalName;
        if (locations.Count > 1)
        {
            throw Fail(locations[1], $"attribute '{locations[1].Name.LocalName}' of <{owner}>: the location is already given by '{location.Name.LocalName}'; expected exactly one of path, ref or url");
        }

        return location.Name.LocalName switch
        {
            "path" => ImageLocation.FromHostPath(Resolve(location.Value)),
            "ref" => ImageLocation.FromCacheReference(location.Value),
            _ when ImageLocation.IsVmImageUrl(location.Value) => ImageLocation.FromUrl(location.Value),
            _ => throw Fail(location, $"attribute 'url' of <{owner}>: '{location.Value}' is not a valid URL; expected vmimage://host/id"),
        };
    }

    private KernelBoot? ParseKernel(XElement? element) => element is null ? null : Build(element, () => new KernelBoot
    {
        Kernel = Resolve((string)element.Attribute("path")!),
        Initrd = element.Attribute("initrd") is { } initrd ? Resolve(initrd.Value) : null,
        Root = (string?)element.Attribute("root"),
        Parameters = (string?)element.Attribute("parameters"),
    });

    private List<InputItem> ParseInputs(XElement? element)
    {
        var inputs = new List<InputItem>();
        var targets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in element?.Elements() ?? [])
        {
            var kind = item.Name.LocalName == "directory" ? InputKind.Directory : InputKind.File;
            var source = item.Attribute("source")!;
            var resolved = Resolve(source.Value);
            var target = item.Attribute("target");
            string targetPath;
            if (target is null)
            {
                targetPath = Path.GetFileName(Path.TrimEndingDirectorySeparator(resolved));
                if (targetPath.Length == 0)
                {
                    throw Fail(source, $"attribute 'source' of <{item.Name.LocalName}>: '{source.Value}' has no file name to use as the target; expected a target attribute");
                }
            }
            else
            {
                targetPath = RelativePath(target, "input").TrimEnd('/');
            }

            if (!targets.Add(targetPath))
            {
                throw Fail((XObject?)target ?? item, $"element <{item.Name.LocalName}>: the target '{targetPath}' is already used by another input; expected distinct targets");
            }

            inputs.Add(Build(item, () => new InputItem(resolved, targetPath, kind)));
        }

        return inputs;
    }

    private List<OutputSpec> ParseOutputs(XElement? element)
    {
        var outputs = new List<OutputSpec>();
        foreach (var item in element?.Elements() ?? [])
        {
            var path = RelativePath(item.Attribute("path")!, "output");
            if (item.Name.LocalName == "directory" && !path.EndsWith('/'))
            {
                path += "/";
            }

            outputs.Add(Build(item, () => new OutputSpec(path)));
        }

        return outputs;
    }

    private string RelativePath(XAttribute attribute, string directory)
    {
        var problem = WorkUnitRules.RelativePathProblem(attribute.Value);
        return problem is null
            ? attribute.Value
            : throw AttributeFail(attribute, $"'{attribute.Value}' {problem}; expected a relative path that stays inside the guest's {directory} directory");
    }

    private string Resolve(string hostPath) => Path.GetFullPath(hostPath, baseDirectory);
}
