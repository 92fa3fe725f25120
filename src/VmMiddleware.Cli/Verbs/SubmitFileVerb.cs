using System.CommandLine;
using VmMiddleware.Cli.Settings;
using VmMiddleware.Submit;

namespace VmMiddleware.Cli.Verbs;

/// <summary><c>vmgrid submitfile expand FILE [--json]</c>: the jobs an HTCondor submit file queues, with every macro expanded.</summary>
internal static class SubmitFileVerb
{
    public static Command Create(VmgridSettings settings)
    {
        var command = new Command("submitfile", "Read HTCondor submit description files as condor_submit does.");
        command.Subcommands.Add(Expand(settings));
        return command;
    }

    private static Command Expand(VmgridSettings settings)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The submit description file." };
        var json = new Option<bool>("--json") { Description = "Print the jobs as JSON instead of text." };
        var command = new Command(
            "expand",
            "Print every job the file queues: a '# job CLUSTER.PROC' header, then 'key = value' lines in the order the file first sets each key, then 'jobs: N'.")
        {
            file,
            json,
        };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            // Console.Out flushes on every write; a buffered writer keeps a million jobs from costing a million system calls.
            using var output = new StreamWriter(Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false), 1 << 16);
            Run(path.ToString(), parse.GetValue(json), output, Console.Error, new SubmitOptions { Environment = settings.Environment });
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Streams the jobs to <paramref name="output"/> as they are made; a later error still exits 1, after the jobs before it.</summary>
    internal static void Run(string path, bool json, TextWriter output, TextWriter error, SubmitOptions? options = null)
    {
        using var jsonWriter = json ? new SubmitJobJsonWriter(output, path) : null;
        SubmitSummary summary;
        try
        {
            summary = SubmitFile.Stream(path, job =>
            {
                if (jsonWriter is null)
                {
                    output.Write(job.Format());
                }
                else
                {
                    jsonWriter.Write(job);
                }
            }, options);
        }
        catch (SubmitFileException e)
        {
            throw new UserErrorException(e.Message, e);
        }

        foreach (var warning in summary.Warnings)
        {
            error.WriteLine("vmgrid: warning: " + warning);
        }

        if (jsonWriter is null)
        {
            output.Write("jobs: " + summary.JobCount.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n");
        }
        else
        {
            jsonWriter.End(summary.JobCount);
        }
    }
}
