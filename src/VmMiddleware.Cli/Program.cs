using System.CommandLine;
using VmMiddleware.Cli.Verbs;

namespace VmMiddleware.Cli;

/// <summary>The entry point of <c>vmgrid</c>: one sub-command per verb, each in its own file under Verbs/.</summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("vmgrid: run virtual machines as ordinary grid jobs (HTCondor, DAGMan, Globus GRAM5).");
        root.Subcommands.Add(ClassAdVerb.Create());
        root.Subcommands.Add(BuildVerb.Create());
        root.Subcommands.Add(CacheVerb.Create());
        return ExitCodes.Run(() => root.Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false }));
    }
}
