using System.Text;

namespace VmMiddleware.Host.Processes;

/// <summary>What a program printed on one stream, kept up to a limit: the last <c>limit</c> characters, in at most twice that memory.</summary>
/// <param name="limit">How many characters to keep.</param>
internal sealed class OutputTail(int limit)
{
    private readonly StringBuilder text = new();
    private bool dropped;

    /// <summary>Gets whether characters were dropped from the front.</summary>
    public bool Truncated => dropped || text.Length > limit;

    /// <summary>Appends a chunk, dropping the oldest characters once twice the limit is held.</summary>
    public void Append(ReadOnlySpan<char> chunk)
    {
        text.Append(chunk);
        if (text.Length > 2 * limit)
        {
            text.Remove(0, text.Length - limit);
            dropped = true;
        }
    }

    /// <summary>Returns the kept text: the last <c>limit</c> characters.</summary>
    public override string ToString() => text.Length > limit ? text.ToString(text.Length - limit, limit) : text.ToString();
}
