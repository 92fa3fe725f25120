namespace VmMiddleware.ClassAds.Tests.Conformance;

/// <summary>
/// The lines of functional_tests.txt that HTCondor 25.14's own tester disagrees with (NOTICE.md). For each, the current
/// HTCondor behaviour and its manual govern; these tests pin what this engine does and why.
/// </summary>
[TestClass]
public sealed class DisputedLineTests
{
    private static readonly Lazy<IReadOnlyDictionary<int, FunctionalScript.Outcome>> Outcomes = new(ConformanceScriptTests.RunFunctionalScript);

    [TestMethod]
    [DataRow(58, true, "true same as true",
        "Manual, absTime/relTime: a relative time is [-][D+]hh:mm:ss[.fff]; fields beyond their range carry over, so relTime(\"2+25:14:16.123\") is the relative time 3+01:14:16.123 and isRelTime is true.")]
    [DataRow(73, true, null,
        "HTCondor's tester crashes here on a bug in Value::SameAs; the XML written by writexml reads back as the same ad.")]
    [DataRow(97, false, "undefined differs from error",
        "Manual, ClassAd mechanism: a reference to an attribute the ad does not have is UNDEFINED; subscripting an ad by a name it lacks is such a reference (HTCondor's operator returns UNDEFINED too).")]
    [DataRow(199, true, "1 same as 1",
        "splitTime of a relative time has Days, Hours, Minutes and Seconds; 1d2h3m4.5s has one day.")]
    [DataRow(202, true, "4.500000000000000E+00 same as 4.500000000000000E+00",
        "splitTime keeps the fractional seconds of a relative time as a real.")]
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
