using System.Text;
using System.Xml;
using VmMiddleware.Host.Durability;

namespace VmMiddleware.WorkUnits.Xml;

/// <summary>Writes work units as work-unit XML that <see cref="WorkUnitReader"/> reads back to an equal model.</summary>
public static class WorkUnitWriter
{
    /// <summary>Writes <paramref name="workUnit"/> to <paramref name="path"/> atomically (a temporary file renamed over the target), with host paths relative to the file's directory where they lie below it.</summary>
    /// <param name="workUnit">The work unit to write.</param>
    /// <param name="path">The destination file; it is replaced whole or not at all.</param>
    public static void Write(WorkUnit workUnit, string path)
    {
        ArgumentNullException.ThrowIfNull(workUnit);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath) ?? fullPath;
        DurableFile.Write(fullPath, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true);
            Write(workUnit, writer, directory);
        });
    }

    /// <summary>Writes <paramref name="workUnit"/> to <paramref name="writer"/>, with host paths relative to <paramref name="baseDirectory"/> where they lie below it.</summary>
    /// <param name="workUnit">The work unit to write.</param>
    /// <param name="writer">The destination text.</param>
    /// <param name="baseDirectory">The directory the document will be read from.</param>
    public static void Write(WorkUnit workUnit, TextWriter writer, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(workUnit);
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentException.ThrowIfNullOrEmpty(baseDirectory);
        var settings = new XmlWriterSettings
        {
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
            NewLineHandling = NewLineHandling.Entitize,
            CloseOutput = false,
        };
        using var xml = XmlWriter.Create(writer, settings);
        new WorkUnitXmlEmitter(xml, Path.GetFullPath(baseDirectory)).Emit(workUnit);
    }

    /// <summary>Returns <paramref name="workUnit"/> as XML text, with host paths relative to <paramref name="baseDirectory"/> where they lie below it.</summary>
    /// <param name="workUnit">The work unit to write.</param>
    /// <param name="baseDirectory">The directory the document will be read from.</param>
    /// <returns>The XML document.</returns>
    public static string ToXml(WorkUnit workUnit, string baseDirectory)
    {
        // Through UTF-8 bytes rather than a StringWriter so the XML declaration says utf-8, as a saved file would.
        using var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true))
        {
            Write(workUnit, writer, baseDirectory);
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }
}
