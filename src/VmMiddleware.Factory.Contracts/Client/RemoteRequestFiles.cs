using System.Xml.Linq;

namespace VmMiddleware.Factory.Contracts.Client;

/// <summary>The files a configuration names (copy sources, script files, package directories), read to ship with a request to the factory service.</summary>
public static class RemoteRequestFiles
{
    /// <summary>Returns every file the configuration at <paramref name="configPath"/> names, by path relative to its directory (the caller has validated it).</summary>
    /// <exception cref="System.Xml.XmlException">The configuration is not XML.</exception>
    public static IReadOnlyList<(string Path, byte[] Content)> Collect(string configPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(configPath);
        var directory = Path.GetDirectoryName(Path.GetFullPath(configPath))!;
        var document = XDocument.Load(configPath);
        var named = document.Descendants()
            .SelectMany(e => new[] { e.Name.LocalName == "copy" ? (string?)e.Attribute("source") : null, e.Name.LocalName == "script" ? (string?)e.Attribute("source") : null, e.Name.LocalName == "packages" ? (string?)e.Attribute("directory") : null })
            .OfType<string>()
            .Select(p => Path.GetFullPath(p, directory))
            .Distinct(StringComparer.Ordinal);
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var path in named)
        {
            var members = Directory.Exists(path) ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories) : [path];
            foreach (var file in members)
            {
                files[Path.GetRelativePath(directory, file).Replace('\\', '/')] = File.ReadAllBytes(file);
            }
        }

        return [.. files.Select(f => (f.Key, f.Value))];
    }
}
