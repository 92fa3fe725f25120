using System.Buffers;

namespace VmMiddleware.ClassAds.Functions;

/// <summary>A list of ranges that starts in a caller's (usually stack) buffer and moves to a pooled array when it outgrows it.</summary>
internal ref struct RangeList
{
    private Span<Range> _items;
    private Range[]? _rented;

    public RangeList(Span<Range> initial)
    {
        _items = initial;
        Count = 0;
    }

    public int Count { get; private set; }

    public readonly Range this[int index] => _items[index];

    public void Add(Range range)
    {
        if (Count == _items.Length)
        {
            var bigger = ArrayPool<Range>.Shared.Rent(Math.Max(16, _items.Length * 2));
            _items.CopyTo(bigger);
            if (_rented is not null)
            {
                ArrayPool<Range>.Shared.Return(_rented);
            }

            _rented = bigger;
            _items = bigger;
        }

        _items[Count++] = range;
    }

    /// <summary>Returns the pooled array, if one was taken.</summary>
    public void Dispose()
    {
        if (_rented is not null)
        {
            ArrayPool<Range>.Shared.Return(_rented);
            _rented = null;
        }
    }
}
