using VmMiddleware.ClassAds.Syntax;

namespace VmMiddleware.ClassAds.Tests.Functions;

[TestClass]
public sealed class TimeFunctionsTests
{
    // 2024-05-06T07:08:09Z, in a zone five hours west of UTC; each evaluation is given it, nothing global is changed.
    private static readonly FixedTimeProvider Clock = new(DateTimeOffset.FromUnixTimeSeconds(1714979289), TimeSpan.FromHours(-5));

    [TestMethod]
    [DataRow("time()", "1714979289")]
    [DataRow("time(1)", "error")]
    public void Time_PinnedClock_Seconds(string expression, string expected) =>
        Assert.AreEqual(expected, ClassAdEval.Eval(expression, Clock));

    [TestMethod]
    [DataRow("absTime()", "absTime(\"2024-05-06T02:08:09-05:00\")")]
    [DataRow("absTime(\"2004-01-01\")", "absTime(\"2004-01-01T00:00:00-05:00\")")]
    [DataRow("int(absTime(\"2004-01-01\"))", "1072933200")]
    [DataRow("absTime(\"1997-08-30T16:04:05-05:00\")", "absTime(\"1997-08-30T16:04:05-05:00\")")]
    [DataRow("absTime(\"1970-01-01T:00:00:01Z\") == absTime(1, 0)", "true")]
    [DataRow("int(absTime(\"1970-01-02T:03:04:05-06:00\"))", "119045")]
    [DataRow("absTime(\"2004-01-01T12:30:00+01:30\")", "absTime(\"2004-01-01T12:30:00+01:30\")")]
    [DataRow("absTime(\"20040101T123000Z\") == absTime(\"2004-01-01T12:30:00Z\")", "true")]
    [DataRow("absTime(\"2004-13-01T00:00:00Z\") == absTime(\"2005-01-01T00:00:00Z\")", "true")]
    [DataRow("absTime(0)", "absTime(\"1969-12-31T19:00:00-05:00\")")]
    [DataRow("absTime(0, 3600)", "absTime(\"1970-01-01T01:00:00+01:00\")")]
    [DataRow("absTime(86400.7, 0) == absTime(86400, 0)", "true")]
    [DataRow("absTime(absTime(5, 60))", "absTime(\"1970-01-01T00:01:05+00:01\")")]
    [DataRow("absTime(\"2004\", 0)", "\"2004\"")] // not folded (two arguments): convTime hands a string back
    [DataRow("absTime(strcat(\"2004\"))", "\"2004\"")]
    [DataRow("absTime(undefined)", "undefined")]
    [DataRow("absTime(true)", "error")]
    [DataRow("absTime(1, \"x\")", "error")]
    [DataRow("absTime(1, 2, 3)", "error")]
    public void AbsTime_Forms_ParseOrConvert(string expression, string expected) =>
        Assert.AreEqual(expected, ClassAdEval.Eval(expression, Clock));

    [TestMethod]
    [DataRow("relTime(\"01:00:01\")", "3.601000000000000E+03")] // literals.h ReltimeLiteral evaluates to a real
    [DataRow("int(relTime(\"2+25:14:16\"))", "263656")]
    [DataRow("relTime(\"-1+00:00:01.5\")", "-8.640150000000000E+04")]
    [DataRow("int(relTime(\"1d2h3m4s\"))", "93784")]
    [DataRow("relTime(\"5m\")", "3.000000000000000E+02")]
    [DataRow("relTime(90)", "relTime(\"01:30\")")]
    [DataRow("relTime(1.5)", "relTime(\"1.5\")")]
    [DataRow("relTime(4294967296 + 90)", "relTime(\"01:30\")")] // an integer is read as a 32-bit int
    [DataRow("relTime(strcat(\"90\"))", "relTime(\"00\")")] // a string at run time falls into convTime's absolute case
    [DataRow("relTime(undefined)", "undefined")]
    [DataRow("relTime({})", "error")]
    [DataRow("relTime(1, 2)", "error")]
    public void RelTime_Forms_ParseOrConvert(string expression, string expected) =>
        Assert.AreEqual(expected, ClassAdEval.Eval(expression, Clock));

    [TestMethod]
    [DataRow("relTime(\"01:00:01\")", "relTime(\"01:00:01\")")]
    [DataRow("relTime(\"90\")", "relTime(\"01:30\")")]
    [DataRow("RELTIME(\"-1+00:00:01.5\")", "relTime(\"-1+00:00:1.5\")")]
    [DataRow("absTime(\"2004-01-01T12:30:00+05:30\")", "absTime(\"2004-01-01T12:30:00+05:30\")")]
    public void TimeOfStringLiteral_Parsed_FoldsToTimeLiteral(string expression, string printed) =>
        Assert.AreEqual(printed, ExpressionParser.Parse(expression, clock: Clock).ToString());

    [TestMethod]
    [DataRow("absTime(\"garbage\")")]
    [DataRow("absTime(\"2004-01-01T00:00:00 99\")")]
    [DataRow("relTime(\"x\")")]
    [DataRow("relTime(\"1:2:3:4\")")]
    public void TimeOfUnreadableStringLiteral_Parsed_IsParseError(string expression) =>
        Assert.ThrowsExactly<ClassAdParseException>(() => ExpressionParser.Parse(expression, clock: Clock));

    [TestMethod]
    [DataRow("getYear(absTime(\"2023-11-14T22:13:20Z\"))", "2023")]
    [DataRow("getMonth(absTime(\"2023-11-14T22:13:20Z\"))", "11")]
    [DataRow("getDayOfMonth(absTime(\"2023-11-15T02:13:20Z\"))", "14")] // broken down in the local zone (-05:00 here)
    [DataRow("getDayOfWeek(absTime(\"2023-11-14T22:13:20Z\"))", "2")]
    [DataRow("getDayOfYear(absTime(\"2023-01-02T12:00:00Z\"))", "1")]
    [DataRow("getHours(absTime(\"2023-11-14T22:13:20Z\"))", "17")]
    [DataRow("getMinutes(absTime(\"2023-11-14T22:13:20Z\"))", "13")]
    [DataRow("getSeconds(absTime(\"2023-11-14T22:13:20Z\"))", "20")]
    [DataRow("getDays(absTime(0))", "error")]
    [DataRow("getDays(relTime(93784))", "1")]
    [DataRow("getHours(relTime(93784))", "2")]
    [DataRow("getMinutes(relTime(93784))", "3")]
    [DataRow("getSeconds(relTime(-93784))", "-4")]
    [DataRow("getYear(relTime(5))", "error")]
    [DataRow("getSeconds(relTime(\"1.5\"))", "error")] // the literal is a real
    [DataRow("getSeconds(undefined)", "error")]
    public void TimeGetters_Times_FieldsAsFnCallGetField(string expression, string expected) =>
        Assert.AreEqual(expected, ClassAdEval.Eval(expression, Clock));

    [TestMethod]
    [DataRow("interval(0)", "\"0\"")]
    [DataRow("interval(67)", "\"1:07\"")]
    [DataRow("interval(1472523)", "\"17+01:02:03\"")]
    [DataRow("interval(-61)", "\"-1:01\"")]
    [DataRow("interval(\"3600\")", "\"1:00:00\"")]
    [DataRow("interval(undefined)", "error")]
    [DataRow("interval({})", "error")]
    public void Interval_Seconds_DaysHoursMinutesSeconds(string expression, string expected) =>
        Assert.AreEqual(expected, ClassAdEval.Eval(expression, Clock));
}
