using System.Collections.Concurrent;

namespace VmMiddleware.ClassAds.Syntax;

/// <summary>Interns identifier spellings so that repeated attribute names share one string.</summary>
internal static class NameTable
{
    private const int MaxEntries = 65536;
    private static readonly ConcurrentDictionary<string, string> Names = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> Lookup =
        Names.GetAlternateLookup<ReadOnlySpan<char>>();

    public static string Intern(ReadOnlySpan<char> span)
    {
        if (Lookup.TryGetValue(span, out var name))
        {
            return name;
        }

        var s = span.ToString();
        return Names.Count < MaxEntries ? Names.GetOrAdd(s, s) : s;
    }
}
