using VmMiddleware.WorkUnits.Collections;

namespace VmMiddleware.Translation.Rsl;

/// <summary>A parenthesised sequence of values, such as the pair (NAME "value") of environment or a file_stage_in entry.</summary>
public sealed record RslSequence : RslValue
{
    /// <summary>Initializes a sequence; the job manager's syntax needs at least one item.</summary>
    /// <param name="items">The items in order.</param>
    public RslSequence(IEnumerable<RslValue> items)
    {
        var list = ValueList<RslValue>.FromNonNull(items, nameof(items));
        if (list.Count == 0)
        {
            throw new ArgumentException("An RSL sequence needs at least one value.", nameof(items));
        }

        Items = list;
    }

    /// <summary>Gets the items in order.</summary>
    public IReadOnlyList<RslValue> Items { get; }

    /// <summary>Returns the sequence as the writer prints it.</summary>
    public override string ToString() => RslWriter.Write(this);
}
