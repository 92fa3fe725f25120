using System.Text;

namespace VmMiddleware.WorkUnits.Tests.Workflow;

/// <summary>Writes a chain of thousands of nodes sharing one work-unit file, optionally closed into a cycle.</summary>
internal static class LargeWorkflowFiles
{
    public static string WriteChain(string directory, int nodes, bool closeCycle)
    {
        File.WriteAllText(Path.Combine(directory, "w.xml"),
            "<workunit xmlns=\"urn:vmmiddleware:workunit:1\" name=\"w\"><image kind=\"reference-guest\"/><command executable=\"/bin/true\"/><outputs><file path=\"o\"/></outputs></workunit>\n");
        var text = new StringBuilder("<workflow xmlns=\"urn:vmmiddleware:workflow:1\" name=\"big\">\n");
        for (var i = 0; i < nodes; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"<node name=\"n{i}\" workunit=\"w.xml\"/>\n");
        }

        for (var i = 0; i < nodes - 1; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"<edge from=\"n{i}\" output=\"o\" to=\"n{i + 1}\"/>\n");
        }

        if (closeCycle)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"<edge from=\"n{nodes - 1}\" output=\"o\" to=\"n0\"/>\n");
        }

        var path = Path.Combine(directory, "big.workflow.xml");
        File.WriteAllText(path, text.Append("</workflow>\n").ToString());
        return path;
    }
}
