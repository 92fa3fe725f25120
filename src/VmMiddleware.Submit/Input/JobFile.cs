using System.Xml;
using System.Xml.Linq;
using VmMiddleware.WorkUnits.Workflow;

namespace VmMiddleware.Submit.Input;

/// <summary>Tells which reader a job file needs: the submit-language reader, the workflow reader or the work-unit reader.</summary>
public static class JobFile
{
    /// <summary>Returns the format of the existing file <paramref name="path"/>: a submit file by its extension (.sub, .submit, .cmd, .condor) or by not starting with '&lt;'; otherwise a workflow when its XML root is the workflow element, else a work unit.</summary>
    public static JobFileFormat Detect(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return IsSubmitFile(path) ? JobFileFormat.SubmitFile
            : XmlRoot(path) == WorkflowXml.Root ? JobFileFormat.Workflow
            : JobFileFormat.WorkUnit;
    }

    private static bool IsSubmitFile(string path)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is ".sub" or ".submit" or ".cmd" or ".condor")
        {
            return true;
        }

        using var reader = new StreamReader(path);
        var first = reader.ReadToEnd().TrimStart();
        return !first.StartsWith('<');
    }

    private static XName? XmlRoot(string path)
    {
        try
        {
            using var reader = XmlReader.Create(path, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null });
            return reader.MoveToContent() == XmlNodeType.Element ? XName.Get(reader.LocalName, reader.NamespaceURI) : null;
        }
        catch (XmlException)
        {
            return null; // the work-unit reader reports it with its position
        }
    }
}
