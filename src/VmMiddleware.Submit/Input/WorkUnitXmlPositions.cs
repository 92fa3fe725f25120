using System.Xml;
using System.Xml.Linq;

namespace VmMiddleware.Submit.Input;

/// <summary>Where in a work-unit XML file the image or an input names a host file, for a message about that file (the reader resolves paths and keeps no positions).</summary>
public static class WorkUnitXmlPositions
{
    /// <summary>Returns "path(line L, column C)" of the image's path attribute that names <paramref name="value"/>'s file, or <paramref name="path"/> when there is none.</summary>
    /// <param name="path">The work-unit XML file.</param>
    /// <param name="value">The image path as resolved by the reader.</param>
    public static string OfImage(string path, string value) =>
        Find(path, value, a => a.Name == "path" && a.Parent!.Name.LocalName == "image");

    /// <summary>Returns "path(line L, column C)" of the input source attribute that names <paramref name="value"/>'s file, or <paramref name="path"/> when there is none.</summary>
    /// <param name="path">The work-unit XML file.</param>
    /// <param name="value">The input source as resolved by the reader.</param>
    public static string OfInput(string path, string value) =>
        Find(path, value, a => a.Name == "source");

    private static string Find(string path, string value, Func<XAttribute, bool> names)
    {
        try
        {
            var document = XDocument.Load(path, LoadOptions.SetLineInfo);
            var name = Path.GetFileName(value);
            var attribute = document.Descendants()
                .SelectMany(e => e.Attributes())
                .FirstOrDefault(a => names(a) && Path.GetFileName(a.Value.TrimEnd('/')) == name);
            return attribute is IXmlLineInfo info && info.HasLineInfo() ? $"{path}(line {info.LineNumber}, column {info.LinePosition})" : path;
        }
        catch (XmlException)
        {
            return path;
        }
    }
}
