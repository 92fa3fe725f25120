using System.Runtime.CompilerServices;
using VmMiddleware.ClassAds.Syntax;

namespace VmMiddleware.ClassAds;

/// <summary>An insertion-ordered, case-insensitive map from attribute names to expressions with precomputed hashes.</summary>
/// <remarks>Attribute references carry their name's hash from parse time, so a lookup costs one probe and, usually, one
/// reference comparison of interned names.</remarks>
internal sealed class AttributeTable
{
    private Entry[] _entries;
    private int[] _buckets;
    private int _count;
    private int _removed;

    /// <summary>Initializes an empty table with room for <paramref name="capacity"/> attributes before it grows.</summary>
    public AttributeTable(int capacity = 8)
    {
        // Powers of two throughout: the bucket count is twice the entry count and probing masks with it.
        capacity = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(capacity, 8, 1 << 24));
        _entries = new Entry[capacity];
        _buckets = new int[capacity * 2];
    }

    internal struct Entry
    {
        public NameInfo Info;
        public Expr? Value;

        public readonly string Name => Info.Name;

        public readonly int Hash => Info.Hash;
    }

    public int Count => _count - _removed;

    /// <summary>Gets a value indicating whether some attribute is named like a scope keyword (MY, TARGET, OTHER, PARENT).</summary>
    public bool HasKeywordNames { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Hash(string name) => StringComparer.OrdinalIgnoreCase.GetHashCode(name) | 1;

    public Expr? Find(string name, int hash)
    {
        var buckets = _buckets;
        var mask = buckets.Length - 1;
        var i = hash & mask;
        while (true)
        {
            var slot = buckets[i];
            if (slot == 0)
            {
                return null;
            }

            ref var e = ref _entries[slot - 1];
            if (e.Hash == hash && (ReferenceEquals(e.Name, name) || string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                return e.Value;
            }

            i = (i + 1) & mask;
        }
    }

    public int IndexOf(string name, int hash)
    {
        var mask = _buckets.Length - 1;
        var i = hash & mask;
        while (true)
        {
            var slot = _buckets[i];
            if (slot == 0)
            {
                return -1;
            }

            ref var e = ref _entries[slot - 1];
            if (e.Hash == hash && string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase) && e.Value is not null)
            {
                return slot - 1;
            }

            i = (i + 1) & mask;
        }
    }

    public void Set(string name, Expr value) => Set(NameTable.Intern(name), value);

    public void Set(NameInfo info, Expr value)
    {
        var name = info.Name;
        var hash = info.Hash;
        var index = IndexOf(name, hash);
        if (index >= 0)
        {
            _entries[index].Value = value;
            return;
        }

        if (_count == _entries.Length)
        {
            // Grow by four: a 100-attribute job ad then rehashes twice while parsing instead of five times.
            Array.Resize(ref _entries, _entries.Length * 4);
            _buckets = new int[_entries.Length * 2];
            for (var i = 0; i < _count; i++)
            {
                Place(i);
            }
        }

        _entries[_count] = new Entry { Info = info, Value = value };
        HasKeywordNames |= info.Keyword != ScopeKeyword.None;
        _count++;
        if (_count * 2 > _buckets.Length)
        {
            Rehash(_buckets.Length * 2);
        }
        else
        {
            Place(_count - 1);
        }
    }

    public bool Remove(string name)
    {
        var index = IndexOf(name, Hash(name));
        if (index < 0)
        {
            return false;
        }

        _entries[index].Value = null;
        _removed++;
        Compact();
        return true;
    }

    public IEnumerable<KeyValuePair<string, Expr>> Items()
    {
        for (var i = 0; i < _count; i++)
        {
            var e = _entries[i];
            if (e.Value is not null)
            {
                yield return new KeyValuePair<string, Expr>(e.Name, e.Value);
            }
        }
    }

    /// <summary>Gets the live entries in insertion order (entries with a null value were removed) without allocating.</summary>
    public ReadOnlySpan<Entry> Entries => _entries.AsSpan(0, _count);

    private void Compact()
    {
        var live = 0;
        for (var i = 0; i < _count; i++)
        {
            if (_entries[i].Value is not null)
            {
                _entries[live++] = _entries[i];
            }
        }

        Array.Clear(_entries, live, _count - live);
        _count = live;
        _removed = 0;
        Rehash(_buckets.Length);
    }

    private void Rehash(int size)
    {
        _buckets = new int[size];
        for (var i = 0; i < _count; i++)
        {
            Place(i);
        }
    }

    private void Place(int index)
    {
        var mask = _buckets.Length - 1;
        var i = _entries[index].Hash & mask;
        while (_buckets[i] != 0)
        {
            i = (i + 1) & mask;
        }

        _buckets[i] = index + 1;
    }
}
