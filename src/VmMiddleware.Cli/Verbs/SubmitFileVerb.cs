using System.CommandLine;
using System.Text.Json;
using VmMiddleware.WorkUnits.Submit;

namespace VmMiddleware.Cli.Verbs;

/// <summary><c>vmgrid submitfile expand FILE [--json]</c>: the jobs an HTCondor submit file queues, with every macro expanded.</summary>
internal static class SubmitFileVerb
{
    public static Command Create()
    {
        var command = new Command("submitfile", "Read HTCondor submit description files as condor_submit does.");
        command.Subcommands.Add(Expand());
        return command;
    }

    private static Command Expand()
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
            Run(path.ToString(), parse.GetValue(json), Console.Out, Console.Error);
            return ExitCodes.Success;
        });
        return command;
    }

    internal static void Run(string path, bool json, TextWriter output, TextWriter error)
    {
        SubmitExpansion expansion;
        try
        {
            expansion = SubmitFile.Expand(path);
        }
        catch (SubmitFileException e)
        {
            throw new UserErrorException(e.Message, e);
        }

        foreach (var warning in expansion.Warnings)
        {
            error.WriteLine("vmgrid: warning: " + warning);
        }

        if (!expansion.HasQueueStatement)
        {
            error.WriteLine($"vmgrid: warning: {expansion.File} has no queue statement; condor_submit would refuse it and queue no jobs");
        }

        output.Write(json ? ToJson(expansion) : expansion.Format());
    }

    internal static string ToJson(SubmitExpansion expansion)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("file", expansion.File);
            writer.WriteNumber("count", expansion.Jobs.Count);
            writer.WriteStartArray("jobs");
            foreach (var job in expansion.Jobs)
            {
                writer.WriteStartObject();
                writer.WriteNumber("clusterId", job.ClusterId);
                writer.WriteNumber("procId", job.ProcId);
                writer.WriteNumber("step", job.Step);
                writer.WriteNumber("itemIndex", job.ItemIndex);
                if (job.Item is null)
                {
                    writer.WriteNull("item");
                }
                else
                {
                    writer.WriteString("item", job.Item);
                }

                writer.WriteStartArray("commands");
                foreach (var command in job.Commands)
                {
                    writer.WriteStartObject();
                    writer.WriteString("key", command.Key);
                    writer.WriteString("value", command.Value);
                    writer.WriteString("file", command.File);
                    writer.WriteNumber("line", command.Line);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }
}
