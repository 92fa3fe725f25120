using System.Globalization;
using System.Text.RegularExpressions;

namespace VmMiddleware.Submit;

/// <summary>A Python-style slice [start:end:step] that selects some items of a queue statement's list; negative steps are not supported.</summary>
internal sealed partial record QueueSlice(int? Start, int? End, int Step)
{
    private static readonly QueueSlice All = new(null, null, 1);

    /// <summary>Takes a leading [start:end:step] off <paramref name="rest"/>, or returns the all-items slice when there is none.</summary>
    public static QueueSlice Parse(ref string rest)
    {
        if (!rest.StartsWith('['))
        {
            return All;
        }

        var match = SliceSyntax().Match(rest);
        if (!match.Success)
        {
            throw new StatementException($"'{rest.Split(']')[0]}]' is not a slice; expected [start:end] or [start:end:step] with integers");
        }

        rest = rest[match.Length..].TrimStart();
        var step = Number(match.Groups["step"]) ?? 1;
        return step switch
        {
            < 0 => throw new StatementException($"the slice step {step} is negative; negative steps are not supported"),
            0 => throw new StatementException("the slice step is zero; expected a step of at least 1"),
            _ => new QueueSlice(Number(match.Groups["start"]), Number(match.Groups["end"]), step),
        };
    }

    /// <summary>Returns the selected items with their indexes in <paramref name="items"/>.</summary>
    public IReadOnlyList<(int Index, string Item)> Select(IReadOnlyList<string> items)
    {
        var count = items.Count;
        int Resolve(int? value, int fallback) => value is { } v ? Math.Clamp(v < 0 ? v + count : v, 0, count) : fallback;
        var start = Resolve(Start, 0);
        var end = Resolve(End, count);
        var selected = new List<(int, string)>();
        for (var i = start; i < end; i += Step)
        {
            selected.Add((i, items[i]));
        }

        return selected;
    }

    private static int? Number(Group group) =>
        group.Success && group.Value.Trim().Length > 0 ? int.Parse(group.Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture) : null;

    [GeneratedRegex(@"^\[\s*(?<start>-?\d+)?\s*:\s*(?<end>-?\d+)?\s*(?::\s*(?<step>-?\d+)?\s*)?\]")]
    private static partial Regex SliceSyntax();
}
