namespace VmMiddleware.Translation.Rsl;

/// <summary>One value on the right of an RSL relation: a literal, a variable reference, a sequence or a concatenation.</summary>
public abstract record RslValue
{
    private protected RslValue()
    {
    }

    /// <summary>Creates a literal value.</summary>
    public static RslValue Literal(string text) => new RslLiteral(text);

    /// <summary>Creates a reference to the RSL substitution variable <paramref name="name"/>, written $(name).</summary>
    public static RslValue Variable(string name) => new RslVariable(name);

    /// <summary>Creates a parenthesised sequence of values, as used for pairs and lists.</summary>
    public static RslValue Sequence(params IEnumerable<RslValue> items) => new RslSequence(items);

    /// <summary>Creates the concatenation (#) of literals and variable references.</summary>
    public static RslValue Concatenation(params IEnumerable<RslValue> parts) => new RslConcatenation(parts);
}
