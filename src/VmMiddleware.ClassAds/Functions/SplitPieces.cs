using System.Collections;
using VmMiddleware.ClassAds.Syntax;
using VmMiddleware.ClassAds.Values;

namespace VmMiddleware.ClassAds.Functions;

/// <summary>The pieces of a string split by <c>split()</c>, as list elements made into string literals only when read.</summary>
/// <remarks>Requirements typically take one piece (<c>split(CondorVersion)[1]</c>); the others need no substring and no
/// node. Every read makes a fresh literal of the same value, which is all a list element's identity ever meant.</remarks>
internal sealed class SplitPieces : IReadOnlyList<Expr>
{
    private readonly string _text;
    private readonly int[] _bounds;

    /// <summary>Initializes the pieces of <paramref name="text"/> given as (offset, length) pairs.</summary>
    public SplitPieces(string text, int[] bounds)
    {
        _text = text;
        _bounds = bounds;
    }

    public int Count => _bounds.Length / 2;

    public Expr this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            var length = _bounds[(2 * index) + 1];
            return new LiteralExpr(Value.FromString(length == 0 ? string.Empty : _text.Substring(_bounds[2 * index], length)));
        }
    }

    public IEnumerator<Expr> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
