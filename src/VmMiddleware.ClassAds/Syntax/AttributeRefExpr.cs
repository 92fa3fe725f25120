namespace VmMiddleware.ClassAds.Syntax;

/// <summary>An attribute reference: <c>name</c>, <c>.name</c> (absolute) or <c>base.name</c> (selection).</summary>
public sealed record AttributeRefExpr : Expr
{
    private readonly string _name = string.Empty;

    /// <summary>Initializes a reference to <paramref name="Name"/>, optionally selected from <paramref name="Base"/>.</summary>
#pragma warning disable CA1707, IDE1006 // Parameter names match the properties, as positional records' do.
    public AttributeRefExpr(Expr? Base, string Name, bool Absolute = false)
#pragma warning restore CA1707, IDE1006
    {
        this.Base = Base;
        this.Name = Name;
        this.Absolute = Absolute;
    }

    /// <summary>Initializes a reference from an interned name, reusing its precomputed hash and keyword.</summary>
    internal AttributeRefExpr(Expr? baseExpr, NameInfo name, bool absolute)
    {
        Base = baseExpr;
        _name = name.Name;
        NameHash = name.Hash;
        Keyword = name.Keyword;
        NeedsQuoting = name.NeedsQuoting;
        Absolute = absolute;
    }

    /// <summary>Gets the expression selected from, or null for a plain or absolute reference.</summary>
    public Expr? Base { get; init; }

    /// <summary>Gets the attribute name, as written.</summary>
    public string Name
    {
        get => _name;
        init
        {
            _name = value ?? throw new ArgumentNullException(nameof(value));
            NameHash = AttributeTable.Hash(value);
            Keyword = ScopeKeywords.Of(value);
            NeedsQuoting = Printing.Unparser.NeedsQuoting(value);
        }
    }

    /// <summary>Gets a value indicating whether the reference starts at the outermost ad (<c>.name</c>).</summary>
    public bool Absolute { get; init; }

    /// <summary>Deconstructs the reference into its base, name and absoluteness.</summary>
#pragma warning disable CA1707, IDE1006
    public void Deconstruct(out Expr? Base, out string Name, out bool Absolute)
#pragma warning restore CA1707, IDE1006
    {
        Base = this.Base;
        Name = this.Name;
        Absolute = this.Absolute;
    }

    /// <summary>Gets the case-insensitive hash of <see cref="Name"/>, computed once.</summary>
    internal int NameHash { get; private init; }

    /// <summary>Gets a value indicating whether the name prints in single quotes (not an identifier, or a reserved word).</summary>
    internal bool NeedsQuoting { get; private init; }

    /// <summary>Gets which scope keyword (MY, TARGET, PARENT) the name spells, if any.</summary>
    internal ScopeKeyword Keyword { get; private init; }
}
