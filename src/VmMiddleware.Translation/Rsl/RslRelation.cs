using VmMiddleware.WorkUnits.Collections;

namespace VmMiddleware.Translation.Rsl;

/// <summary>One relation (attribute = value ...) of an RSL request.</summary>
public sealed record RslRelation
{
    /// <summary>Initializes a relation.</summary>
    /// <param name="attribute">The attribute name as written; compared ignoring case and underscores (see <see cref="RslAttributeName"/>).</param>
    /// <param name="values">One or more values.</param>
    public RslRelation(string attribute, IEnumerable<RslValue> values)
    {
        ArgumentException.ThrowIfNullOrEmpty(attribute);
        if (attribute.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("An RSL attribute name cannot contain NUL characters.", nameof(attribute));
        }

        var list = ValueList<RslValue>.FromNonNull(values, nameof(values));
        if (list.Count == 0)
        {
            throw new ArgumentException($"The relation '{attribute}' needs at least one value.", nameof(values));
        }

        Attribute = attribute;
        Values = list;
    }

    /// <summary>Initializes a relation from its values.</summary>
    public RslRelation(string attribute, params RslValue[] values)
        : this(attribute, (IEnumerable<RslValue>)values)
    {
    }

    /// <summary>Gets the attribute name as written.</summary>
    public string Attribute { get; }

    /// <summary>Gets the values in order; at least one.</summary>
    public IReadOnlyList<RslValue> Values { get; }

    /// <summary>Returns the relation as the writer prints it.</summary>
    public override string ToString() => RslWriter.Write(this);
}
