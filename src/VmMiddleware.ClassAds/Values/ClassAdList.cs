using VmMiddleware.ClassAds.Syntax;

namespace VmMiddleware.ClassAds.Values;

/// <summary>A list value: its element expressions and the ClassAd in whose scope they are evaluated.</summary>
public sealed class ClassAdList
{
    /// <summary>Initializes a new list over element expressions evaluated in <paramref name="scope"/>.</summary>
    public ClassAdList(IReadOnlyList<Expr> items, ClassAd? scope = null)
    {
        Items = items;
        Scope = scope;
    }

    /// <summary>Gets the element expressions.</summary>
    public IReadOnlyList<Expr> Items { get; }

    /// <summary>Gets the ClassAd the elements are evaluated in, or null at top level.</summary>
    public ClassAd? Scope { get; }

    /// <summary>Gets a value indicating whether the list was written in an expression bound in no ad: HTCondor subscripts
    /// such a list's elements in their own (absent) parent scope (exprList.cpp GetValueAt), so their references are UNDEFINED.</summary>
    internal bool Unbound { get; init; }

    /// <summary>Gets the number of elements.</summary>
    public int Count => Items.Count;

    /// <summary>Makes a list of literal values.</summary>
    public static ClassAdList FromValues(IEnumerable<Value> values)
    {
        if (values is IReadOnlyList<Value> list)
        {
            var items = new Expr[list.Count];
            for (var i = 0; i < items.Length; i++)
            {
                items[i] = Expr.FromValue(list[i]);
            }

            return new ClassAdList(items);
        }

        return new ClassAdList(values.Select(v => (Expr)Expr.FromValue(v)).ToArray());
    }
}
