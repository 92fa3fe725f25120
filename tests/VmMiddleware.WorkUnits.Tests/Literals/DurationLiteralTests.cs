using VmMiddleware.WorkUnits.Literals;

namespace VmMiddleware.WorkUnits.Tests.Literals;

[TestClass]
public sealed class DurationLiteralTests
{
    [TestMethod]
    [DataRow("PT10M", 600.0)]
    [DataRow("PT30S", 30.0)]
    [DataRow("PT1H", 3600.0)]
    [DataRow("P1D", 86400.0)]
    [DataRow("P1DT2H", 93600.0)]
    [DataRow("PT0.5S", 0.5)]
    [DataRow("PT1H30M15S", 5415.0)]
    [DataRow("PT90M", 5400.0)]
    public void TryParse_ValidDuration_GivesTimeSpan(string text, double seconds)
    {
        Assert.IsTrue(DurationLiteral.TryParse(text, out var duration, out var problem), problem);
        Assert.AreEqual(TimeSpan.FromSeconds(seconds), duration);
    }

    [TestMethod]
    [DataRow("10m", "'10m' is not a duration; expected " + DurationLiteral.Expectation)]
    [DataRow("", "'' is not a duration; expected " + DurationLiteral.Expectation)]
    [DataRow("PT", "'PT' is not a duration; expected " + DurationLiteral.Expectation)]
    [DataRow("00:10:00", "'00:10:00' is not a duration; expected " + DurationLiteral.Expectation)]
    [DataRow("PT0S", "'PT0S' is not positive; expected a duration greater than zero")]
    [DataRow("-PT1M", "'-PT1M' is not positive; expected a duration greater than zero")]
    [DataRow("P1M", "'P1M' uses years or months, which have no fixed length; expected days, hours, minutes or seconds, e.g. P1D or PT10M")]
    [DataRow("P1Y", "'P1Y' uses years or months, which have no fixed length; expected days, hours, minutes or seconds, e.g. P1D or PT10M")]
    public void TryParse_InvalidDuration_SaysWhy(string text, string expected)
    {
        Assert.IsFalse(DurationLiteral.TryParse(text, out _, out var problem));
        Assert.AreEqual(expected, problem);
    }

    [TestMethod]
    [DataRow(600.0, "PT10M")]
    [DataRow(3600.0, "PT1H")]
    [DataRow(93600.0, "P1DT2H")]
    [DataRow(90.5, "PT1M30.5S")]
    public void Format_Duration_GivesXsDuration(double seconds, string expected) =>
        Assert.AreEqual(expected, DurationLiteral.Format(TimeSpan.FromSeconds(seconds)));
}
