using System.Xml.Linq;
using VmMiddleware.WorkUnits.Xml;

namespace VmMiddleware.WorkUnits.Workflow;

/// <summary>The rules of a workflow the schema cannot state: edges between known nodes, over declared outputs, into free inputs, without cycles.</summary>
internal static class WorkflowChecks
{
    public static List<WorkflowEdge> Edges(XElement root, Dictionary<string, (WorkflowNode Node, XElement Element)> nodes, string sourceName)
    {
        var edges = new List<WorkflowEdge>();
        var targets = nodes.ToDictionary(n => n.Key, n => n.Value.Node.WorkUnit.Inputs.Select(i => i.Target).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var element in root.Elements(WorkflowXml.Ns + "edge"))
        {
            var from = Node(element.Attribute("from")!, nodes, sourceName);
            var to = Node(element.Attribute("to")!, nodes, sourceName);
            var outputAttribute = element.Attribute("output")!;
            var output = outputAttribute.Value;
            var declared = from.WorkUnit.Outputs.FirstOrDefault(o => o.Path == output);
            if (declared is null || declared.IsGlob || declared.IsDirectory)
            {
                var files = from.WorkUnit.Outputs.Where(o => !o.IsGlob && !o.IsDirectory).Select(o => o.Path).ToList();
                throw WorkUnitReader.Error(sourceName, outputAttribute,
                    $"edge from '{from.Name}': '{output}' is not a file output of node '{from.Name}'; expected one of: {(files.Count == 0 ? "(none)" : string.Join(", ", files))}");
            }

            var inputAttribute = element.Attribute("input");
            var input = inputAttribute?.Value ?? output.Split('/')[^1];
            if (WorkUnitRules.RelativePathProblem(input) is { } problem)
            {
                throw WorkUnitReader.Error(sourceName, inputAttribute ?? (XObject)element, $"edge to '{to.Name}': the input '{input}' {problem}; expected a relative path inside /work/in");
            }

            if (!targets[to.Name].Add(input))
            {
                throw WorkUnitReader.Error(sourceName, inputAttribute ?? (XObject)element, $"edge to '{to.Name}': node '{to.Name}' already has an input '{input}'; expected a free input path");
            }

            edges.Add(new WorkflowEdge(from.Name, output, to.Name, input));
        }

        return edges;
    }

    public static void RequireAcyclic(Workflow workflow, XElement root, string sourceName)
    {
        var children = workflow.Nodes.ToDictionary(n => n.Name, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var edge in workflow.Edges)
        {
            children[edge.From].Add(edge.To);
        }

        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var path = new List<string>();
        foreach (var node in workflow.Nodes)
        {
            if (FindCycle(node.Name, children, state, path) is { } cycle)
            {
                var closing = root.Elements(WorkflowXml.Ns + "edge").First(e => (string?)e.Attribute("from") == cycle[^2] && (string?)e.Attribute("to") == cycle[^1]);
                throw WorkUnitReader.Error(sourceName, closing, $"the edges form a cycle through node '{cycle[0]}': {string.Join(" -> ", cycle)}; expected an acyclic workflow");
            }
        }
    }

    private static List<string>? FindCycle(string name, Dictionary<string, List<string>> children, Dictionary<string, int> state, List<string> path)
    {
        if (state.GetValueOrDefault(name) == 2)
        {
            return null;
        }

        if (state.GetValueOrDefault(name) == 1)
        {
            return [.. path.Skip(path.IndexOf(name)), name];
        }

        state[name] = 1;
        path.Add(name);
        foreach (var child in children[name])
        {
            if (FindCycle(child, children, state, path) is { } cycle)
            {
                return cycle;
            }
        }

        path.RemoveAt(path.Count - 1);
        state[name] = 2;
        return null;
    }

    private static WorkflowNode Node(XAttribute attribute, Dictionary<string, (WorkflowNode Node, XElement Element)> nodes, string sourceName) =>
        nodes.TryGetValue(attribute.Value, out var node)
            ? node.Node
            : throw WorkUnitReader.Error(sourceName, attribute,
                $"edge {attribute.Name.LocalName} '{attribute.Value}': no node named '{attribute.Value}'; expected one of: {string.Join(", ", nodes.Keys)}");
}
