using System.Collections.Concurrent;

namespace VmMiddleware.ClassAds.Syntax;

/// <summary>Interns identifier spellings with their case-insensitive hash and scope keyword, computed once per spelling.</summary>
internal static class NameTable
{
    private const int MaxEntries = 65536;
    private static readonly ConcurrentDictionary<string, NameInfo> Names = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, NameInfo>.AlternateLookup<ReadOnlySpan<char>> Lookup =
        Names.GetAlternateLookup<ReadOnlySpan<char>>();

    // A direct-mapped cache in front of the dictionary: a name met before is found by one hash of its characters and
    // one comparison. Any NameInfo a slot holds is valid for the spelling it carries, so racing writers need no lock.
    private const int RecentBits = 12;
    private static readonly NameInfo?[] Recent = new NameInfo?[1 << RecentBits];

    public static NameInfo Intern(ReadOnlySpan<char> span)
    {
        var slot = Slot(span);
        var recent = Recent[slot];
        if (recent is not null && span.SequenceEqual(recent.Name))
        {
            return recent;
        }

        var info = InternSlow(span);
        Recent[slot] = info;
        return info;
    }

    // FNV-1a over the UTF-16 code units, folded to the cache's index width.
    private static int Slot(ReadOnlySpan<char> span)
    {
        var h = 2166136261u;
        foreach (var c in span)
        {
            h = (h ^ c) * 16777619u;
        }

        return (int)((h * 2654435769u) >> (32 - RecentBits));
    }

    private static NameInfo InternSlow(ReadOnlySpan<char> span)
    {
        if (Lookup.TryGetValue(span, out var info))
        {
            return info;
        }

        var s = span.ToString();
        info = new NameInfo(s, AttributeTable.Hash(s), ScopeKeywords.Of(s), Printing.Unparser.NeedsQuoting(s), Functions.FunctionTable.Find(s));
        return Names.Count < MaxEntries ? Names.GetOrAdd(s, info) : info;
    }
}

/// <summary>An interned name with its precomputed case-insensitive hash, scope keyword, quoting need and the built-in function it names (if any).</summary>
/// <remarks>The function table is fixed at start-up, so resolving a spelling once is the same as resolving it at every call site.</remarks>
internal sealed record NameInfo(string Name, int Hash, ScopeKeyword Keyword, bool NeedsQuoting, Functions.BuiltinFunction? Function);
