using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace VmMiddleware.WorkUnits.Collections;

/// <summary>An immutable string map that keeps insertion order and compares equal to a map with the same entries in the same order.</summary>
internal sealed class OrderedMap : IReadOnlyDictionary<string, string>, IEquatable<OrderedMap>
{
    private readonly KeyValuePair<string, string>[] entries;
    private readonly Dictionary<string, string> lookup;

    private OrderedMap(KeyValuePair<string, string>[] entries, Dictionary<string, string> lookup)
    {
        this.entries = entries;
        this.lookup = lookup;
    }

    /// <summary>Gets the comparer used for keys.</summary>
    public IEqualityComparer<string> Comparer => lookup.Comparer;

    /// <inheritdoc/>
    public int Count => entries.Length;

    /// <inheritdoc/>
    public IEnumerable<string> Keys => entries.Select(e => e.Key);

    /// <inheritdoc/>
    public IEnumerable<string> Values => entries.Select(e => e.Value);

    /// <inheritdoc/>
    public string this[string key] => lookup[key];

    /// <summary>Creates an empty map whose keys compare with <paramref name="comparer"/>.</summary>
    public static OrderedMap Empty(IEqualityComparer<string> comparer) => new([], new Dictionary<string, string>(comparer));

    /// <summary>Copies <paramref name="source"/> in its enumeration order, refusing duplicate keys.</summary>
    public static OrderedMap From(IEnumerable<KeyValuePair<string, string>> source, IEqualityComparer<string> comparer)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source is OrderedMap map && map.Comparer.Equals(comparer))
        {
            return map;
        }

        var copy = source.ToArray();
        var lookup = new Dictionary<string, string>(copy.Length, comparer);
        foreach (var (key, value) in copy)
        {
            ArgumentNullException.ThrowIfNull(key);
            ArgumentNullException.ThrowIfNull(value);
            if (!lookup.TryAdd(key, value))
            {
                throw new ArgumentException($"The key '{key}' appears more than once.", nameof(source));
            }
        }

        return new OrderedMap(copy, lookup);
    }

    /// <inheritdoc/>
    public bool ContainsKey(string key) => lookup.ContainsKey(key);

    /// <inheritdoc/>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value) => lookup.TryGetValue(key, out value);

    /// <inheritdoc/>
    public bool Equals(OrderedMap? other)
    {
        if (other is null || other.entries.Length != entries.Length)
        {
            return false;
        }

        for (var i = 0; i < entries.Length; i++)
        {
            if (!Comparer.Equals(entries[i].Key, other.entries[i].Key)
                || !string.Equals(entries[i].Value, other.entries[i].Value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as OrderedMap);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var (key, value) in entries)
        {
            hash.Add(key, Comparer);
            hash.Add(value, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, string>>)entries).GetEnumerator();

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public override string ToString() => "{" + string.Join(", ", entries.Select(e => $"{e.Key}={e.Value}")) + "}";
}
