namespace VmMiddleware.ClassAds.Tests.Conformance;

/// <summary>
/// The lines of functional_tests.txt that HTCondor 25.14's own tester disagrees with (NOTICE.md). Where HTCondor's code and
/// its manual disagree the code decides; these tests pin what this engine does and the HTCondor source that says why.
/// </summary>
[TestClass]
public sealed class DisputedLineTests
{
    private static readonly Lazy<IReadOnlyDictionary<int, FunctionalScript.Outcome>> Outcomes = new(ConformanceScriptTests.RunFunctionalScript);

    [TestMethod]
    [DataRow(58, false, "false differs from true",
        "source.cpp evaluateFunction folds relTime(\"...\") into a ReltimeLiteral, whose _Evaluate (literals.h) calls SetRealValue: the value is a real, so isRelTime is false.")]
    [DataRow(73, true, null,
        "HTCondor's tester crashes here on a bug in Value::SameAs; the XML written by writexml reads back as the same ad.")]
    [DataRow(97, false, "undefined differs from error",
        "Manual, ClassAd mechanism: a reference to an attribute the ad does not have is UNDEFINED; subscripting an ad by a name it lacks is such a reference (HTCondor's operator returns UNDEFINED too).")]
    [DataRow(199, false, "undefined differs from 1",
        "relTime(\"1d2h3m4.5s\") evaluates to the real 93784.5 (literals.h ReltimeLiteral); fnCall.cpp doSplitTime splits a real as the absolute time (int) 93784, which has no Days.")]
    [DataRow(202, false, "4 differs from 4.500000000000000E+00",
        "As line 199: the absolute time's Seconds is the integer 4 (fnCall.cpp absTimeToClassAd).")]
    [DataRow(235, false, "0 differs from undefined",
        "Manual, sum(): \"If the list is empty, the result is 0.\"")]
    [DataRow(236, false, "0 differs from undefined",
        "Manual, avg(): \"If the list is empty, the result is 0.\"")]
    public void DisputedLine_CurrentBehaviour_IsPinned(int line, bool fileExpectationHolds, string? detail, string reason)
    {
        Assert.IsTrue(ConformanceScriptTests.Disputed.Contains(line));
        var outcome = Outcomes.Value[line];
        Assert.AreEqual(fileExpectationHolds, outcome.Passed, "line " + line + ": " + outcome.Detail + " — " + reason);
        if (detail is not null)
        {
            Assert.AreEqual(detail, outcome.Detail, reason);
        }
    }
}
