using VmMiddleware.ClassAds.Matching;
using VmMiddleware.ClassAds.Printing;
using VmMiddleware.ClassAds.Tests.Functions;

namespace VmMiddleware.ClassAds.Tests.Matching;

[TestClass]
public sealed class MatchmakerTests
{
    [TestMethod]
    [DataRow("new")]
    [DataRow("old")]
    public void Match_RealPoolJobAndPartitionableSlot_MatchAsInHTCondor(string syntax)
    {
        // HTCondor 25.14 matches this pair: the slot's "MappingMethod ?: "" != "Copy"" is "(MappingMethod ?: "") != "Copy""
        // (the elvis operand is a postfix expression in source.cpp parsePostfixExpression), so WithinResourceLimits holds.
        var job = ClassAd.Parse(File.ReadAllText(Conformance.ConformanceFiles.PathOf("ads/job." + syntax + ".ad")));
        var machine = ClassAd.Parse(File.ReadAllText(Conformance.ConformanceFiles.PathOf("ads/machine." + syntax + ".ad")));
        var result = Matchmaker.Match(job, machine);
        Assert.IsTrue(result.LeftMatchesRight, "job requirements");
        Assert.IsTrue(result.RightMatchesLeft, "machine requirements");
        Assert.IsTrue(result.IsMatch);
        Assert.AreEqual("93", Unparser.Unparse(result.LeftRank));
        Assert.AreEqual("0.0", Unparser.Unparse(result.RightRank));
    }

    [TestMethod]
    public void Match_RequirementsUndefined_DoesNotMatch()
    {
        var job = ClassAd.Parse("[ Requirements = TARGET.Nope > 1 ]");
        var machine = ClassAd.Parse("[ Requirements = true ]");
        Assert.IsFalse(Matchmaker.Match(job, machine).IsMatch);
    }

    [TestMethod]
    public void Match_MissingRank_IsUndefined()
    {
        var a = ClassAd.Parse("[ Requirements = true ]");
        var result = Matchmaker.Match(a, a.Copy());
        Assert.IsTrue(result.IsMatch);
        Assert.IsTrue(result.LeftRank.IsUndefined);
    }

    [TestMethod]
    public void Match_GivenClock_RequirementsReadIt()
    {
        var job = ClassAd.Parse("[ Requirements = time() < TARGET.Deadline ]");
        var machine = ClassAd.Parse("[ Deadline = 2000; Requirements = true ]");
        Assert.IsTrue(Matchmaker.Match(job, machine, new FixedTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1999), TimeSpan.Zero)).IsMatch);
        Assert.IsFalse(Matchmaker.Match(job, machine, new FixedTimeProvider(DateTimeOffset.FromUnixTimeSeconds(2000), TimeSpan.Zero)).IsMatch);
    }
}
