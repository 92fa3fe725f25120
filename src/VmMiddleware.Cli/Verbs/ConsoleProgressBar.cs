using System.Globalization;
using VmMiddleware.Images.Building;

namespace VmMiddleware.Cli.Verbs;

/// <summary>Shows build progress on stderr: a redrawn bar on a terminal, one line per change otherwise.</summary>
/// <param name="error">Where to write (stderr).</param>
/// <param name="redraw">Whether to redraw one line in place (a terminal).</param>
internal sealed class ConsoleProgressBar(TextWriter error, bool redraw) : IProgress<BuildProgress>
{
    private const int Width = 24;
    private string last = string.Empty;

    public void Report(BuildProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var line = Format(value);
        if (line == last)
        {
            return;
        }

        last = line;
        if (redraw)
        {
            error.Write("\r" + line.PadRight(78));
            if (value.Phase == "done")
            {
                error.WriteLine();
            }
        }
        else
        {
            error.WriteLine(line);
        }
    }

    internal static string Format(BuildProgress p)
    {
        var filled = p.ActionCount == 0 ? (p.Phase == "done" ? Width : 0) : Width * Math.Max(p.ActionNumber - (p.Phase == "action" ? 1 : 0), 0) / p.ActionCount;
        var bar = "[" + new string('#', filled) + new string('.', Width - filled) + "]";
        var action = p.ActionId is null ? string.Empty : $" {p.ActionNumber}/{p.ActionCount} {p.ActionId}";
        var bytes = (p.BytesWritten / 1048576.0).ToString("F1", CultureInfo.InvariantCulture);
        return $"{bar} {p.Phase}{action} {bytes} MiB written";
    }
}
