using VmMiddleware.Images.Dag;
using VmMiddleware.Images.Planning;

namespace VmMiddleware.Images.Tests.Planning;

[TestClass]
public sealed class PrefixPlannerTests
{
    /// <summary>Every intermediate state a full build of <paramref name="dag"/> commits.</summary>
    private static List<BuiltState> BuildAll(HashedDag dag) =>
        PrefixPlanner.Plan(dag, []).Steps.Select(s => new BuiltState(s.StateId, s.NodeHashes)).ToList();

    [TestMethod]
    public void Plan_EmptyStore_BaseFirstThenAll()
    {
        var dag = TestDags.Chain("a", "b", "c");

        var plan = PrefixPlanner.Plan(dag, []);

        Assert.IsNull(plan.Start);
        CollectionAssert.AreEqual(new[] { "b0", "a", "b", "c" }, plan.Steps.Select(s => s.Node.Id).ToArray());
    }

    [TestMethod]
    public void Plan_SameDagBuilt_ExactHit()
    {
        var dag = TestDags.Chain("a", "b", "c");

        var plan = PrefixPlanner.Plan(dag, BuildAll(dag));

        Assert.IsEmpty(plan.Steps);
        Assert.AreEqual(4, plan.ReusedNodes);
        Assert.AreEqual(BuildAll(dag)[^1].Id, plan.TargetStateId);
    }

    [TestMethod]
    public void Plan_SameActionsWrittenInAnotherValidOrder_ReusesSameStates()
    {
        // a and b independent, c after both; written in two different document orders.
        var first = TestDags.Hashed(TestDags.Xml([TestDags.Script("a"), TestDags.Script("b"), TestDags.Script("c")], ["a>c", "b>c"]));
        var second = TestDags.Hashed(TestDags.Xml([TestDags.Script("c"), TestDags.Script("b"), TestDags.Script("a")], ["b>c", "a>c"]));

        var states = BuildAll(first);
        var plan = PrefixPlanner.Plan(second, states);

        Assert.IsEmpty(plan.Steps);
        CollectionAssert.AreEqual(states.Select(s => s.Id).ToArray(), BuildAll(second).Select(s => s.Id).ToArray());
    }

    [TestMethod]
    public void Plan_DagSharingFirstThreeActions_ReusesThree()
    {
        var built = BuildAll(TestDags.Chain("a", "b", "c", "d"));
        var request = TestDags.Chain("a", "b", "c", "x", "y");

        var plan = PrefixPlanner.Plan(request, built);

        Assert.AreEqual(4, plan.ReusedNodes); // base + a, b, c
        CollectionAssert.AreEqual(new[] { "x", "y" }, plan.Steps.Select(s => s.Node.Id).ToArray());
    }

    [TestMethod]
    public void Plan_StateWithForeignAction_NotUsed()
    {
        // The cached chain applied "z" before "b"; a request without z may only use the state before z.
        var built = BuildAll(TestDags.Chain("a", "z", "b"));
        var request = TestDags.Chain("a", "b");

        var plan = PrefixPlanner.Plan(request, built);

        Assert.AreEqual(2, plan.ReusedNodes);
        CollectionAssert.AreEqual(new[] { "b" }, plan.Steps.Select(s => s.Node.Id).ToArray());
    }

    [TestMethod]
    public void Plan_IndependentBranches_ReusesBranchBuiltByAnotherDag()
    {
        // Cached: base -> p -> q. Request: p and r independent, then s after both.
        var built = BuildAll(TestDags.Hashed(TestDags.Xml([TestDags.Script("p"), TestDags.Script("q")], ["p>q"])));
        var request = TestDags.Hashed(TestDags.Xml([TestDags.Script("r"), TestDags.Script("p"), TestDags.Script("s")], ["p>s", "r>s"]));

        var plan = PrefixPlanner.Plan(request, built);

        Assert.AreEqual(2, plan.ReusedNodes); // base + p
        CollectionAssert.AreEqual(new[] { "r", "s" }, plan.Steps.Select(s => s.Node.Id).ToArray());
    }

    [TestMethod]
    public void Plan_IndependentBranches_OrderIsDeterministicByHash()
    {
        var dag = TestDags.Hashed(TestDags.Xml([TestDags.Script("a"), TestDags.Script("b"), TestDags.Script("c")], []));

        var ids = PrefixPlanner.Plan(dag, []).Steps.Skip(1).Select(s => s.NodeHash).ToList();

        CollectionAssert.AreEqual(ids.Order(StringComparer.Ordinal).ToList(), ids);
    }

    [TestMethod]
    public void Plan_TwoCandidateStates_PicksLargerDownwardClosed()
    {
        var request = TestDags.Hashed(TestDags.Xml([TestDags.Script("a"), TestDags.Script("b"), TestDags.Script("c")], ["a>b"]));
        var h = request.HashOf;
        var small = new BuiltState(StateIds.Of([h["b0"], h["c"]]), new HashSet<string> { h["b0"], h["c"] });
        var large = new BuiltState(StateIds.Of([h["b0"], h["a"], h["b"]]), new HashSet<string> { h["b0"], h["a"], h["b"] });

        var plan = PrefixPlanner.Plan(request, [small, large]);

        Assert.AreEqual(large, plan.Start);
        CollectionAssert.AreEqual(new[] { "c" }, plan.Steps.Select(s => s.Node.Id).ToArray());
    }
}
