using VmMiddleware.ClassAds.Evaluation;
using VmMiddleware.ClassAds.Syntax;
using VmMiddleware.ClassAds.Values;

namespace VmMiddleware.ClassAds;

/// <summary>A ClassAd: an ordered set of case-insensitively named attributes bound to expressions, with an optional enclosing scope.</summary>
public sealed partial class ClassAd
{
    private readonly AttributeTable _attributes;

    /// <summary>Initializes an empty ClassAd.</summary>
    public ClassAd()
    {
        _attributes = new AttributeTable();
    }

    /// <summary>Initializes an empty ClassAd with room for <paramref name="capacity"/> attributes (a parser's estimate).</summary>
    internal ClassAd(int capacity)
    {
        _attributes = new AttributeTable(capacity);
    }

    /// <summary>Gets the ClassAd that encloses this one (for nested ads), or null for a top-level ad.</summary>
    public ClassAd? ParentScope { get; internal set; }

    /// <summary>Gets the number of attributes.</summary>
    public int Count => _attributes.Count;

    /// <summary>Gets the attribute names in insertion order, spelled as first inserted.</summary>
    public IEnumerable<string> Names => _attributes.Items().Select(i => i.Key);

    /// <summary>Gets the attributes in insertion order.</summary>
    public IEnumerable<KeyValuePair<string, Expr>> Attributes => _attributes.Items();

    /// <summary>Gets the attribute table, for allocation-free iteration inside the library.</summary>
    internal AttributeTable Table => _attributes;

    /// <summary>Binds <paramref name="name"/> to an expression, replacing any earlier binding (keeping its position).</summary>
    public void Insert(string name, Expr expr)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(expr);
        AdoptNestedAds(expr);
        _attributes.Set(name, expr);
    }

    /// <summary>Binds a freshly parsed expression under an interned name, walking it for nested ads only when it has some.</summary>
    internal void InsertParsed(NameInfo name, Expr expr, bool hasNestedAds)
    {
        if (hasNestedAds)
        {
            AdoptNestedAds(expr);
        }

        _attributes.Set(name, expr);
    }

    /// <summary>Parses <paramref name="expression"/> and binds it to <paramref name="name"/>.</summary>
    public void InsertExpression(string name, string expression) => Insert(name, Parser.ParseExpression(expression));

    /// <summary>Binds <paramref name="name"/> to a literal value.</summary>
    public void InsertValue(string name, Value value) => Insert(name, new LiteralExpr(value));

    /// <summary>Removes an attribute; returns whether it existed.</summary>
    public bool Remove(string name) => _attributes.Remove(name);

    /// <summary>Returns the expression bound to <paramref name="name"/> in this ad alone, or null.</summary>
    public Expr? Lookup(string name) => _attributes.Find(name, AttributeTable.Hash(name));

    /// <summary>Gets a value indicating whether an attribute of this ad is named like a scope keyword.</summary>
    internal bool HasKeywordNames => _attributes.HasKeywordNames;

    /// <summary>Looks up a name whose hash was computed once at parse time.</summary>
    internal Expr? Lookup(string name, int hash) => _attributes.Find(name, hash);

    /// <summary>Returns whether this ad itself binds <paramref name="name"/>.</summary>
    public bool Contains(string name) => Lookup(name) is not null;

    /// <summary>Evaluates the attribute <paramref name="name"/> in this ad's scope; UNDEFINED when absent; time functions
    /// read <paramref name="clock"/> (<see cref="TimeProvider.System"/> when null).</summary>
    public Value EvaluateAttribute(string name, TimeProvider? clock = null) => Evaluator.EvaluateAttribute(this, name, target: null, clock);

    /// <summary>Evaluates an expression in this ad's scope; time functions read <paramref name="clock"/>
    /// (<see cref="TimeProvider.System"/> when null).</summary>
    public Value Evaluate(Expr expr, TimeProvider? clock = null) => Evaluator.Evaluate(expr, this, target: null, clock);

    /// <summary>Parses and evaluates an expression in this ad's scope, both with <paramref name="clock"/>
    /// (<see cref="TimeProvider.System"/> when null).</summary>
    public Value Evaluate(string expression, TimeProvider? clock = null) => Evaluate(Parser.ParseExpression(expression, clock: clock), clock);

    /// <summary>Makes a deep copy of this ad whose nested ads are copies too.</summary>
    public ClassAd Copy()
    {
        var copy = new ClassAd();
        foreach (var (name, expr) in _attributes.Items())
        {
            copy.Insert(name, ExprCopier.Copy(expr));
        }

        return copy;
    }

    /// <summary>Prints the ad in new ClassAd syntax as HTCondor's unparser does.</summary>
    public override string ToString() => Printing.Unparser.Unparse(this);

    private void AdoptNestedAds(Expr expr)
    {
        switch (expr)
        {
            case AdExpr a:
                a.Ad.ParentScope = this;
                break;
            case OperationExpr o:
                AdoptNestedAds(o.Left);
                if (o.Right is not null)
                {
                    AdoptNestedAds(o.Right);
                }

                if (o.Third is not null)
                {
                    AdoptNestedAds(o.Third);
                }

                break;
            case ListExpr l:
                foreach (var item in l.Items)
                {
                    AdoptNestedAds(item);
                }

                break;
            case FunctionCallExpr f:
                foreach (var arg in f.Arguments)
                {
                    AdoptNestedAds(arg);
                }

                break;
            case AttributeRefExpr { Base: not null } r:
                AdoptNestedAds(r.Base);
                break;
            default:
                break;
        }
    }
}
