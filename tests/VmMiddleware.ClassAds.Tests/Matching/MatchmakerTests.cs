using VmMiddleware.ClassAds.Matching;
using VmMiddleware.ClassAds.Printing;

namespace VmMiddleware.ClassAds.Tests.Matching;

[TestClass]
public sealed class MatchmakerTests
{
    [TestMethod]
    public void Match_ConformanceJobAndSlot_AgreesWithHTCondorsNoMatch()
    {
        // The job ad records HTCondor's own verdict on this slot: LastRejMatchReason = "no match found".
        // The job's Requirements hold, but the slot's WithinResourceLimits reads MappingMethod ?: "" != "Copy", which
        // (the elvis operator binding loosest) yields the string "Hardlink", and ifThenElse of a string is ERROR.
        var job = ClassAd.Parse(File.ReadAllText(Conformance.ConformanceFiles.PathOf("ads/job.old.ad")));
        var machine = ClassAd.Parse(File.ReadAllText(Conformance.ConformanceFiles.PathOf("ads/machine.old.ad")));
        Assert.AreEqual("\"no match found\"", Unparser.Unparse(job.EvaluateAttribute("LastRejMatchReason")));
        var result = Matchmaker.Match(job, machine);
        Assert.IsTrue(result.LeftMatchesRight, "job requirements");
        Assert.IsFalse(result.RightMatchesLeft, "machine requirements");
        Assert.IsFalse(result.IsMatch);
        Assert.AreEqual("error", Unparser.Unparse(ClassAds.Evaluation.Evaluator.EvaluateAttribute(machine, "Requirements", job)));
        Assert.AreEqual("93", Unparser.Unparse(result.LeftRank));
        Assert.AreEqual("0.0", Unparser.Unparse(result.RightRank));
    }

    [TestMethod]
    public void Match_ConformanceJobAndSlotWithCopyMapping_Match()
    {
        var job = ClassAd.Parse(File.ReadAllText(Conformance.ConformanceFiles.PathOf("ads/job.old.ad")));
        var machine = ClassAd.Parse(File.ReadAllText(Conformance.ConformanceFiles.PathOf("ads/machine.old.ad")));
        machine.InsertExpression("MappingMethod", "undefined");
        Assert.IsTrue(Matchmaker.Match(job, machine).IsMatch);
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
}
