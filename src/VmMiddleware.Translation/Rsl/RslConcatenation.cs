using VmMiddleware.WorkUnits.Collections;

namespace VmMiddleware.Translation.Rsl;

/// <summary>Literals and variable references joined with #, such as $(GLOBUSRUN_GASS_URL)#"/path".</summary>
public sealed record RslConcatenation : RslValue
{
    /// <summary>Initializes a concatenation of two or more literals or variable references.</summary>
    /// <param name="parts">The parts in order; sequences and nested concatenations are not allowed.</param>
    public RslConcatenation(IEnumerable<RslValue> parts)
    {
        var list = ValueList<RslValue>.FromNonNull(parts, nameof(parts));
        if (list.Count < 2)
        {
            throw new ArgumentException("An RSL concatenation needs at least two parts.", nameof(parts));
        }

        if (list.Any(p => p is not (RslLiteral or RslVariable)))
        {
            throw new ArgumentException("Only literals and variable references can be concatenated.", nameof(parts));
        }

        Parts = list;
    }

    /// <summary>Gets the parts in order: literals and variable references.</summary>
    public IReadOnlyList<RslValue> Parts { get; }

    /// <summary>Returns the concatenation as the writer prints it.</summary>
    public override string ToString() => RslWriter.Write(this);
}
