namespace VmMiddleware.Images.Dag;

/// <summary>What one node of a configuration DAG does; one sealed record per <see cref="ActionKind"/>.</summary>
public abstract record DagAction
{
    /// <summary>Gets the kind of this action.</summary>
    public abstract ActionKind Kind { get; }

    /// <summary>Gets the element name of this action in vmconfig XML.</summary>
    public string ElementName => Kind.ToString().ToLowerInvariant();
}
