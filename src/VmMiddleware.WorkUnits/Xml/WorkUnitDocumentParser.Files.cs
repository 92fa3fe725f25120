using System.Xml.Linq;

namespace VmMiddleware.WorkUnits.Xml;

/// <summary>The parts of the document that name files: the image and the inputs and outputs.</summary>
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

        if (locations.Count > 1)
        {
            throw Fail(locations[1], $"attribute '{locations[1].Name.LocalName}' of <image>: the location is already given by '{locations[0].Name.LocalName}'; expected exactly one of path, ref or url");
        }

        var location = locations[0];
        var imageLocation = location.Name.LocalName switch
        {
            "path" => ImageLocation.FromHostPath(Resolve(location.Value)),
            "ref" => ImageLocation.FromCacheReference(location.Value),
            _ when ImageLocation.IsVmImageUrl(location.Value) => ImageLocation.FromUrl(location.Value),
            _ => throw Fail(location, $"attribute 'url' of <image>: '{location.Value}' is not a valid URL; expected vmimage://host/id"),
        };
        if (sha256 is not null && imageLocation.CacheDigest is { } digest && digest != sha256.Value)
        {
            throw Fail(sha256, $"attribute 'sha256' of <image>: '{sha256.Value}' differs from the digest in ref; expected '{digest}' or no sha256");
        }

        var imageFormat = format is null ? (ImageFormat?)null : WorkUnitXml.ParseImageFormat(format.Value);
        return Build(element, () => new ImageSpec(kind, imageLocation, imageFormat, sha256?.Value));
    }

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
