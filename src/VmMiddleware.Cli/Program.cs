using System.CommandLine;
using VmMiddleware.Cli.Settings;
using VmMiddleware.Cli.Verbs;

namespace VmMiddleware.Cli;

/// <summary>The entry point of <c>vmgrid</c>: one sub-command per verb, each in its own file under Verbs/.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        // The one place vmgrid reads its environment; verbs pass the values on to the libraries in options records.
        var settings = VmgridSettings.FromProcess();
        var root = new RootCommand("vmgrid: run virtual machines as ordinary grid jobs (HTCondor, DAGMan, Globus GRAM5).");
        root.Subcommands.Add(ClassAdVerb.Create());
        root.Subcommands.Add(SubmitFileVerb.Create(settings));
        root.Subcommands.Add(BundleVerb.Create(settings));
        root.Subcommands.Add(CacheVerb.Create(settings));
        root.Subcommands.Add(RunVerb.Create(settings));
        root.Subcommands.Add(BuildVerb.Create(settings));
        root.Subcommands.Add(TranslateVerb.Create(settings));
        root.Subcommands.Add(SubmitVerb.Create(settings));
        root.Subcommands.Add(ServeVerb.Create(settings));
        root.Subcommands.Add(ImageVerb.Create(settings));
        root.Subcommands.Add(StatusVerb.Create(settings));
        root.Subcommands.Add(FetchVerb.Create(settings));
        root.Subcommands.Add(CancelVerb.Create(settings));
        root.Subcommands.Add(JobVerb.Create(settings));
        root.Subcommands.Add(VmImagePluginVerb.Create(settings));
        root.Subcommands.Add(SiteAdVerb.Create(settings));

        // Exceptions reach ExitCodes.RunAsync, which keeps the contract: one line and exit 1 for a user
        // error, exit 2 for an internal failure (System.CommandLine's own handler would print a stack trace).
        var parse = root.Parse(args);
        if (UsageError.Describe(parse) is { } usage)
        {
            Console.Error.WriteLine(usage);
            return ExitCodes.UserError;
        }

        // ProcessTerminationTimeout = null: System.CommandLine would otherwise take SIGTERM too and exit 143 two seconds
        // later, cutting `vmgrid run`'s eviction checkpoint short; the verbs that cancel on SIGINT catch it themselves (Interrupt).
        var configuration = new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
        return await ExitCodes.RunAsync(() => parse.InvokeAsync(configuration)).ConfigureAwait(false);
    }
}
