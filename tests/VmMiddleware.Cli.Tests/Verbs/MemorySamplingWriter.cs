using System.Text;

namespace VmMiddleware.Cli.Tests.Verbs;

/// <summary>A writer that keeps only the tail of what it is given and samples how far the live heap has grown since it was made.</summary>
internal sealed class MemorySamplingWriter : TextWriter
{
    private readonly int sampleEvery;
    private readonly long baseline = GC.GetTotalMemory(forceFullCollection: true);
    private string tail = string.Empty;

    public MemorySamplingWriter(int sampleEvery) => this.sampleEvery = sampleEvery;

    public override Encoding Encoding => Encoding.UTF8;

    public long Writes { get; private set; }

    public long PeakGrowth { get; private set; }

    public string Tail => tail;

    public override void Write(char value) => Write(value.ToString());

    public override void Write(string? value)
    {
        if (Writes++ % sampleEvery == 0)
        {
            PeakGrowth = Math.Max(PeakGrowth, GC.GetTotalMemory(forceFullCollection: true) - baseline);
        }

        var joined = tail + value;
        tail = joined.Length <= 200 ? joined : joined[^200..];
    }
}
