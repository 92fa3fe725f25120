using System.Collections.Concurrent;

namespace VmMiddleware.ClassAds.Syntax;

/// <summary>Interns identifier spellings with their case-insensitive hash and scope keyword, computed once per spelling.</summary>
internal static class NameTable
{
    private const int MaxEntries = 65536;
    private static readonly ConcurrentDictionary<string, NameInfo> Names = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, NameInfo>.AlternateLookup<ReadOnlySpan<char>> Lookup =
        Names.GetAlternateLookup<ReadOnlySpan<char>>();

    public static NameInfo Intern(ReadOnlySpan<char> span)
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
