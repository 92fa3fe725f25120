using VmMiddleware.WorkUnits.Collections;

namespace VmMiddleware.Translation.Rsl;

/// <summary>A GRAM5 job request: the ordered relations of one top-level &amp; specification.</summary>
public sealed record RslRequest
{
    /// <summary>Initializes a request from one or more relations, kept in order (repeats included).</summary>
    public RslRequest(IEnumerable<RslRelation> relations)
    {
        var list = ValueList<RslRelation>.FromNonNull(relations, nameof(relations));
        if (list.Count == 0)
        {
            throw new ArgumentException("An RSL request needs at least one relation.", nameof(relations));
        }

        Relations = list;
    }

    /// <summary>Initializes a request from its relations.</summary>
    public RslRequest(params RslRelation[] relations)
        : this((IEnumerable<RslRelation>)relations)
    {
    }

    /// <summary>Gets the relations in the order written; an attribute may repeat, and then the last one counts.</summary>
    public IReadOnlyList<RslRelation> Relations { get; }

    /// <summary>Returns the relation that counts for <paramref name="attribute"/> (the last one, names compared ignoring case and underscores), or null.</summary>
    public RslRelation? Find(string attribute)
    {
        ArgumentNullException.ThrowIfNull(attribute);
        for (var i = Relations.Count - 1; i >= 0; i--)
        {
            if (RslAttributeName.AreSame(Relations[i].Attribute, attribute))
            {
                return Relations[i];
            }
        }

        return null;
    }

    /// <summary>Returns a copy in which <paramref name="attribute"/> has the given values: every earlier relation for it is dropped and the new one appended.</summary>
    public RslRequest With(string attribute, params RslValue[] values)
    {
        var relation = new RslRelation(attribute, values);
        return new RslRequest(Relations.Where(r => !RslAttributeName.AreSame(r.Attribute, attribute)).Append(relation));
    }

    /// <summary>Returns the request as the writer prints it.</summary>
    public override string ToString() => RslWriter.Write(this);
}
