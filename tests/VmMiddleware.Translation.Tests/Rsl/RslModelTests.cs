using VmMiddleware.Translation.Rsl;

namespace VmMiddleware.Translation.Tests.Rsl;

[TestClass]
public sealed class RslModelTests
{
    [TestMethod]
    public void Equals_RequestsWithEqualContents_AreEqual()
    {
        RslRequest Make() => new(new RslRelation("a", RslValue.Sequence(RslValue.Literal("x"), RslValue.Variable("V"))));

        Assert.AreEqual(Make(), Make());
        Assert.AreEqual(Make().GetHashCode(), Make().GetHashCode());
    }

    [TestMethod]
    public void With_ExistingAttributeInOtherSpelling_ReplacesItAtTheEnd()
    {
        var request = new RslRequest(new RslRelation("dry_run", RslValue.Literal("no")), new RslRelation("count", RslValue.Literal("1")));

        var changed = request.With("DryRun", RslValue.Literal("yes"));

        Assert.AreEqual(new RslRequest(new RslRelation("count", RslValue.Literal("1")), new RslRelation("DryRun", RslValue.Literal("yes"))), changed);
    }

    [TestMethod]
    [DataRow("file_stage_in", "FileStageIn", true)]
    [DataRow("max_wall_time", "maxwalltime", true)]
    [DataRow("stdout", "stderr", false)]
    public void AreSame_Names_IgnoreCaseAndUnderscores(string left, string right, bool expected)
    {
        Assert.AreEqual(expected, RslAttributeName.AreSame(left, right));
        Assert.AreEqual(expected, RslAttributeName.Comparer.Equals(left, right));
    }

    [TestMethod]
    public void Constructors_EmptyOrInvalidParts_AreRefused()
    {
        Assert.ThrowsExactly<ArgumentException>(() => new RslRequest());
        Assert.ThrowsExactly<ArgumentException>(() => new RslRelation("a"));
        Assert.ThrowsExactly<ArgumentException>(() => RslValue.Sequence());
        Assert.ThrowsExactly<ArgumentException>(() => RslValue.Concatenation(RslValue.Literal("a")));
        Assert.ThrowsExactly<ArgumentException>(() => RslValue.Concatenation(RslValue.Literal("a"), RslValue.Sequence(RslValue.Literal("b"))));
        Assert.ThrowsExactly<ArgumentException>(() => RslValue.Literal("nul\0"));
    }
}
