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
        foreach (var node in workflow.Nodes)
        {
            if (FindCycle(node.Name, children, state) is { } cycle)
            {
                var closing = root.Elements(WorkflowXml.Ns + "edge").First(e => (string?)e.Attribute("from") == cycle[^2] && (string?)e.Attribute("to") == cycle[^1]);
                throw WorkUnitReader.Error(sourceName, closing, $"the edges form a cycle through node '{cycle[0]}': {Shorten(cycle)}; expected an acyclic workflow");
            }
        }
    }

    /// <summary>Joins a cycle's nodes with " -> ", keeping a long one to its first nodes and its closing edge so the message stays one short line.</summary>
    internal static string Shorten(IReadOnlyList<string> cycle) =>
        cycle.Count <= MaxShownNodes
            ? string.Join(" -> ", cycle)
            : string.Join(" -> ", cycle.Take(MaxShownNodes - 2)) + $" -> ... ({cycle.Count - 1} nodes) -> " + string.Join(" -> ", cycle.TakeLast(2));

    /// <summary>Joins names for an "expected one of" list, keeping a long one to its first names and a count.</summary>
    internal static string ShortenList(IReadOnlyCollection<string> names) =>
        names.Count <= MaxShownNodes
            ? string.Join(", ", names)
            : string.Join(", ", names.Take(MaxShownNodes)) + $", ... ({names.Count} nodes)";

    private const int MaxShownNodes = 8;

    // Depth-first, with an explicit stack: a chain of thousands of nodes must not overflow the thread's stack.
    private static List<string>? FindCycle(string start, Dictionary<string, List<string>> children, Dictionary<string, int> state)
    {
        if (state.GetValueOrDefault(start) == 2)
        {
            return null;
        }

        var path = new List<string>();
        var onPath = new Dictionary<string, int>(StringComparer.Ordinal);
        var next = new Stack<int>();
        state[start] = 1;
        path.Add(start);
        onPath[start] = 0;
        next.Push(0);
        while (next.Count > 0)
        {
            var name = path[^1];
            var index = next.Pop();
            if (index == children[name].Count)
            {
                state[name] = 2;
                onPath.Remove(name);
                path.RemoveAt(path.Count - 1);
                continue;
            }

            next.Push(index + 1);
            var child = children[name][index];
            switch (state.GetValueOrDefault(child))
            {
                case 1:
                    return [.. path.Skip(onPath[child]), child];
                case 0:
                    state[child] = 1;
                    onPath[child] = path.Count;
                    path.Add(child);
                    next.Push(0);
                    break;
            }
        }

        return null;
    }

    private static WorkflowNode Node(XAttribute attribute, Dictionary<string, (WorkflowNode Node, XElement Element)> nodes, string sourceName) =>
        nodes.TryGetValue(attribute.Value, out var node)
            ? node.Node
            : throw WorkUnitReader.Error(sourceName, attribute,
                $"edge {attribute.Name.LocalName} '{attribute.Value}': no node named '{attribute.Value}'; expected one of: {ShortenList(nodes.Keys)}");
}
