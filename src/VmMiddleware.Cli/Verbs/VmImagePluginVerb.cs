using System.CommandLine;
using VmMiddleware.Cli.Settings;
using VmMiddleware.ClassAds.Syntax;
using VmMiddleware.Plugins.Transfer;

namespace VmMiddleware.Cli.Verbs;

/// <summary>
/// <c>vmgrid vmimage-plugin</c>: HTCondor's file-transfer plugin for vmimage:// URLs (condor-plugins/vmimage_plugin execs it).
/// <c>-classad</c> prints the capability ad; <c>-infile IN -outfile OUT [-upload]</c> transfers and writes one result ad per request;
/// exit 0 only when every transfer succeeded, 1 otherwise (HTCondor reads any non-zero status as a failure).
/// </summary>
internal static class VmImagePluginVerb
{
    public static Command Create(VmgridSettings settings)
    {
        var classad = new Option<bool>("-classad") { Description = "Print the plugin's capability ad and exit." };
        var infile = new Option<string?>("-infile") { Description = "The request ads (Url, LocalFileName), one per file." };
        var outfile = new Option<string?>("-outfile") { Description = "Where the result ads go (written in place; HTCondor pre-allocates it)." };
        var upload = new Option<bool>("-upload") { Description = "Transfer local files to the URLs (vmimage:// takes no uploads: each request fails as a Parameter error)." };
        var config = new Option<string?>("--plugin-config") { Description = $"The plugin's configuration file (default ${PluginSettings.ConfigVariable}, else {PluginSettings.DefaultConfig} when it exists)." };
        var command = new Command("vmimage-plugin", "HTCondor file-transfer plugin for vmimage:// URLs: fetch image layers from the factory service into this machine's cache and link them into the job.")
        {
            classad, infile, outfile, upload, config,
        };
        command.SetAction(async (parse, token) =>
        {
            if (parse.GetValue(classad))
            {
                Console.Out.Write(VmImagePlugin.CapabilityAd());
                return ExitCodes.Success;
            }

            var input = parse.GetValue(infile) ?? throw new UserErrorException("vmimage-plugin needs -classad, or -infile FILE and -outfile FILE");
            var output = parse.GetValue(outfile) ?? throw new UserErrorException("vmimage-plugin: -infile needs -outfile FILE");
            IReadOnlyList<TransferRequest> requests;
            try
            {
                requests = TransferRequestReader.Parse(File.ReadAllText(input), input);
            }
            catch (ClassAdParseException e)
            {
                throw new UserErrorException(e.Message, e);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UserErrorException($"{input}: {e.Message}", e);
            }

            var plugin = new VmImagePlugin(PluginSettings.Read(settings, parse.GetValue(config)));
            var results = parse.GetValue(upload) ? plugin.Upload(requests) : await plugin.DownloadAsync(requests, token).ConfigureAwait(false);
            try
            {
                TransferResultWriter.Write(output, results);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UserErrorException($"{output}: cannot write the results: {e.Message}", e);
            }

            foreach (var failed in results.Where(r => !r.Success))
            {
                Console.Error.WriteLine($"vmgrid: {failed.Request.Url}: {failed.Error}");
            }

            return results.All(r => r.Success) ? ExitCodes.Success : ExitCodes.UserError;
        });
        return command;
    }
}
