using System.Collections;

namespace VmMiddleware.Translation.Rsl;

/// <summary>An immutable list that compares equal to another list with the same items in the same order.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <remarks>RSL records hold their lists in this type so that the records' generated equality compares contents.</remarks>
internal sealed class RslList<T> : IReadOnlyList<T>, IEquatable<RslList<T>>
{
    private readonly T[] items;

    private RslList(T[] items) => this.items = items;

    /// <summary>Gets the empty list.</summary>
    public static RslList<T> Empty { get; } = new([]);

    /// <inheritdoc/>
    public int Count => items.Length;

    /// <inheritdoc/>
    public T this[int index] => items[index];

    /// <summary>Copies <paramref name="source"/> unless it already is an RSL list, refusing null items.</summary>
    public static RslList<T> From(IEnumerable<T> source, string paramName)
    {
        ArgumentNullException.ThrowIfNull(source, paramName);
        if (source is RslList<T> list)
        {
            return list;
        }

        T[] copy = [.. source];
        foreach (var item in copy)
        {
            ArgumentNullException.ThrowIfNull(item, paramName);
        }

        return new RslList<T>(copy);
    }

    /// <inheritdoc/>
    public bool Equals(RslList<T>? other) =>
        other is not null && items.AsSpan().SequenceEqual(other.items, EqualityComparer<T>.Default);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as RslList<T>);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc/>
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)items).GetEnumerator();

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public override string ToString() => string.Join(" ", items);
}
