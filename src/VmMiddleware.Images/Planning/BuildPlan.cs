using VmMiddleware.Images.Dag;

namespace VmMiddleware.Images.Planning;

/// <summary>How to serve a request: the cached state to start from (null: none, the base must be made first) and the steps after it.</summary>
/// <param name="Dag">The hashed request.</param>
/// <param name="Start">The cached state covering the largest valid prefix, or null.</param>
/// <param name="Steps">The actions still to run, in a deterministic topological order (the base first when <paramref name="Start"/> is null).</param>
public sealed record BuildPlan(HashedDag Dag, BuiltState? Start, IReadOnlyList<PlanStep> Steps)
{
    /// <summary>Gets the id of the state that holds the whole request.</summary>
    public string TargetStateId => Steps.Count > 0 ? Steps[^1].StateId : Start!.Id;

    /// <summary>Gets the number of the request's nodes served from the cache.</summary>
    public int ReusedNodes => Start?.NodeHashes.Count ?? 0;
}
