using System.Globalization;

namespace VmMiddleware.Submit;

/// <summary>Bounds one macro expansion in characters copied and macro references made, so that macros that double each other fail at once instead of filling memory.</summary>
/// <remarks>
/// Characters are charged every time they are copied into an expansion, at every nesting level, so the budget bounds
/// both the memory the expansion holds and the time it takes. HTCondor has no such bound: condor_submit spins on
/// "A1 = $(A0)$(A0)" forty levels deep until it is killed.
/// </remarks>
internal sealed class ExpansionBudget
{
    private readonly int maxChars;
    private readonly int maxReferences;
    private long chars;
    private int references;

    /// <summary>Initializes a budget of <paramref name="maxChars"/> characters and <paramref name="maxReferences"/> macro references per expansion.</summary>
    public ExpansionBudget(int maxChars, int maxReferences)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChars, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxReferences, 1);
        this.maxChars = maxChars;
        this.maxReferences = maxReferences;
    }

    /// <summary>Starts a new outermost expansion with the whole budget.</summary>
    public void Reset()
    {
        chars = 0;
        references = 0;
    }

    /// <summary>Charges <paramref name="count"/> characters copied while expanding the macros in <paramref name="chain"/> (outermost first).</summary>
    public void Charge(int count, IReadOnlyList<string> chain)
    {
        chars += count;
        if (chars > maxChars)
        {
            throw new StatementException(string.Create(CultureInfo.InvariantCulture,
                $"the value takes more than {maxChars} characters to expand, the most one value may take{Where(chain)}; does each macro use the one below it more than once?"));
        }
    }

    /// <summary>Counts one reference made while expanding the macros in <paramref name="chain"/> (outermost first).</summary>
    public void CountReference(IReadOnlyList<string> chain)
    {
        if (++references > maxReferences)
        {
            throw new StatementException(string.Create(CultureInfo.InvariantCulture,
                $"the value makes more than {maxReferences} macro references to expand, the most one value may make{Where(chain)}; does each macro use the one below it more than once?"));
        }
    }

    /// <summary>Names the macros being expanded, at most the three outermost and the innermost.</summary>
    private static string Where(IReadOnlyList<string> chain)
    {
        if (chain.Count == 0)
        {
            return string.Empty;
        }

        var shown = chain.Count <= 4 ? chain : [.. chain.Take(3), "...", chain[^1]];
        return " (stopped in " + string.Join(" -> ", shown.Select(name => name == "..." ? name : $"$({name})")) + ")";
    }
}
