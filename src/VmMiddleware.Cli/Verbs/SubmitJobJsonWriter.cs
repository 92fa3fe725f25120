using System.Buffers;
using System.Text;
using System.Text.Json;
using VmMiddleware.Submit;

namespace VmMiddleware.Cli.Verbs;

/// <summary>Writes <c>vmgrid submitfile expand --json</c> output job by job, so that a million jobs never sit in memory at once.</summary>
/// <remarks>The object is { "file", "jobs": [...], "count" }: the count comes last because it is known only at the end.</remarks>
internal sealed class SubmitJobJsonWriter : IDisposable
{
    private readonly TextWriter output;
    private readonly ArrayBufferWriter<byte> buffer = new();
    private readonly Utf8JsonWriter writer;

    public SubmitJobJsonWriter(TextWriter output, string file)
    {
        this.output = output;
        writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        writer.WriteString("file", file);
        writer.WriteStartArray("jobs");
        Flush();
    }

    public void Write(SubmitJob job)
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
        Flush();
    }

    public void End(long count)
    {
        writer.WriteEndArray();
        writer.WriteNumber("count", count);
        writer.WriteEndObject();
        Flush();
        output.Write('\n');
    }

    public void Dispose() => writer.Dispose();

    private void Flush()
    {
        writer.Flush();
        output.Write(Encoding.UTF8.GetString(buffer.WrittenSpan));
        buffer.ResetWrittenCount();
    }
}
