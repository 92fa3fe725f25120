using System.Collections;

namespace VmMiddleware.WorkUnits.Collections;

/// <summary>An immutable list that compares equal to another list with the same items in the same order.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <remarks>Records compare their members with <see cref="object.Equals(object?)"/>, so model records hold their
/// lists in this type to get value equality without hand-written Equals overrides.</remarks>
internal sealed class ValueList<T> : IReadOnlyList<T>, IEquatable<ValueList<T>>
{
    private readonly T[] items;

    private ValueList(T[] items) => this.items = items;

    /// <summary>Gets the empty list.</summary>
    public static ValueList<T> Empty { get; } = new([]);

    /// <inheritdoc/>
    public int Count => items.Length;

    /// <inheritdoc/>
    public T this[int index] => items[index];

    /// <summary>Copies <paramref name="source"/> unless it already is a value list.</summary>
    public static ValueList<T> From(IEnumerable<T> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source as ValueList<T> ?? new ValueList<T>([.. source]);
    }

    /// <summary>Copies <paramref name="source"/> unless it already is a value list, refusing null items (an argument named <paramref name="paramName"/>).</summary>
    public static ValueList<T> FromNonNull(IEnumerable<T> source, string paramName)
    {
        ArgumentNullException.ThrowIfNull(source, paramName);
        var list = source as ValueList<T> ?? new ValueList<T>([.. source]);
        foreach (var item in list.items)
        {
            ArgumentNullException.ThrowIfNull(item, paramName);
        }

        return list;
    }

    /// <inheritdoc/>
    public bool Equals(ValueList<T>? other) =>
        other is not null && items.AsSpan().SequenceEqual(other.items, EqualityComparer<T>.Default);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ValueList<T>);

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
    public override string ToString() => "[" + string.Join(", ", items) + "]";
}
