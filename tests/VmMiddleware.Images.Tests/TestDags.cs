using VmMiddleware.Images.Dag;

namespace VmMiddleware.Images.Tests;

/// <summary>Builds small vmconfig documents for tests; actions are scripts unless given as XML.</summary>
internal static class TestDags
{
    public const string Header = "<vmconfig xmlns=\"urn:vmmiddleware:vmconfig:1\" name=\"t\">";

    /// <summary>A DAG whose actions are given as XML lines and edges as "a>b" strings, with a registered base "b0".</summary>
    public static string Xml(IEnumerable<string> actions, IEnumerable<string> edges) =>
        Header + "\n<actions>\n<base id=\"b0\" ref=\"debian-bookworm\"/>\n"
        + string.Join("\n", actions)
        + "\n</actions>\n<edges>\n"
        + string.Join("\n", edges.Select(e => e.Split('>')).Select(p => $"<edge from=\"{p[0]}\" to=\"{p[1]}\"/>"))
        + "\n</edges>\n</vmconfig>\n";

    /// <summary>A script action whose text is derived from its id, so equal ids mean equal actions.</summary>
    public static string Script(string id) => $"<script id=\"{id}\">echo {id}</script>";

    public static ConfigDag Parse(string xml) => DagReader.Parse(xml, "t.vmconfig.xml", Path.GetTempPath());

    public static HashedDag Hashed(string xml) => NodeHasher.Hash(Parse(xml));

    /// <summary>A chain b0 -> ids[0] -> ids[1] ... of script actions.</summary>
    public static HashedDag Chain(params string[] ids) =>
        Hashed(Xml(ids.Select(Script), ids.Select((id, i) => (i == 0 ? "b0" : ids[i - 1]) + ">" + id)));

    public static string ExamplesDirectory => Path.Combine(AppContext.BaseDirectory, "examples");
}
