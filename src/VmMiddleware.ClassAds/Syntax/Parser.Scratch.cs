using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace VmMiddleware.ClassAds.Syntax;

/// <summary>One stack of parsed expressions shared by every argument list and list literal of a parse, instead of a List per call.</summary>
internal sealed partial class Parser
{
    private Expr[] _scratch = [];
    private int _scratchTop;

    private void Push(Expr expr)
    {
        if (_scratchTop == _scratch.Length)
        {
            // Made on the first argument list: most old-syntax values have none.
            Array.Resize(ref _scratch, Math.Max(8, _scratch.Length * 2));
        }

        // Stored through a reference, not an indexer: Expr is not sealed, so an array store would check the element type.
        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_scratch), _scratchTop++) = expr;
    }

    /// <summary>Takes the expressions pushed since <paramref name="mark"/> as an array of exactly their number.</summary>
    private Expr[] PopFrom(int mark)
    {
        var count = _scratchTop - mark;
        if (count == 0)
        {
            _scratchTop = mark;
            return [];
        }

        // Argument lists are short: moving them one by one (through references, without the covariant store check)
        // beats the bulk copy's set-up. The slots are cleared so the stack holds no tree after the parse.
        var items = new Expr[count];
        ref var from = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_scratch), mark);
        ref var to = ref MemoryMarshal.GetArrayDataReference(items);
        for (var i = 0; i < count; i++)
        {
            Unsafe.Add(ref to, i) = Unsafe.Add(ref from, i);
            Unsafe.Add(ref from, i) = null!;
        }

        _scratchTop = mark;
        return items;
    }
}
