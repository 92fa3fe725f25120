namespace VmMiddleware.ClassAds.Tests.Functions;

[TestClass]
public sealed class SplitTimeFunctionsTests
{
    // 2024-05-06T07:08:09Z, in a zone five hours west of UTC; each evaluation is given it, nothing global is changed.
    private static readonly FixedTimeProvider Clock = new(DateTimeOffset.FromUnixTimeSeconds(1714979289), TimeSpan.FromHours(-5));

    [TestMethod]
    [DataRow("splitTime(absTime(\"1997-08-30T16:04:05-0500\"))",
        "[ Type = \"AbsoluteTime\"; Year = 1997; Month = 8; Day = 30; Hours = 16; Minutes = 4; Seconds = 5; Offset = -18000 ]")]
    [DataRow("splitTime(relTime(-3723.5))",
        "[ Type = \"RelativeTime\"; Days = 0; Hours = -1; Minutes = 2; Seconds = 3.500000000000000E+00 ]")]
    [DataRow("splitTime(0).Hours", "19")]
    [DataRow("splitTime(undefined)", "undefined")]
    [DataRow("splitTime([a = 1])", "error")]
    [DataRow("splitTime(\"x\")", "error")]
    [DataRow("splitTime()", "error")]
    public void SplitTime_Times_Fields(string expression, string expected) =>
        Assert.AreEqual(expected, ClassAdEval.Eval(expression, Clock));

    [TestMethod]
    [DataRow("%a %A %b %B %h", "Sat Saturday Aug August Aug")]
    [DataRow("%c", "Sat Aug 30 16:04:05 1997")]
    [DataRow("%C %y %Y %D %F", "19 97 1997 08/30/97 1997-08-30")]
    [DataRow("%d %e %j %m", "30 30 242 08")]
    [DataRow("%H %I %M %S %p %r", "16 04 04 05 PM 04:04:05 PM")]
    [DataRow("%R %T %x %X", "16:04 16:04:05 08/30/97 16:04:05")]
    [DataRow("%u %w %U %W", "6 6 34 34")]
    [DataRow("%z %% %Q", "-0500 % %Q")]
    [DataRow("%s", "872975045")] // glibc: mktime of the fields (16:04:05 in the -05:00 local zone)
    public void FormatTime_Conversions_StrftimeCLocale(string format, string expected) =>
        Assert.AreEqual($"\"{expected}\"", ClassAdEval.Eval($"formatTime(absTime(\"1997-08-30T16:04:05-0500\"), \"{format}\")", Clock));

    [TestMethod]
    [DataRow("formatTime()", "\"Mon May  6 02:08:09 2024\"")]
    [DataRow("formatTime(0, \"%Y-%m-%d %H\")", "\"1969-12-31 19\"")]
    [DataRow("formatTime(splitTime(absTime(\"2004-02-29T01:02:03Z\")), \"%F %T %a %j\")", "\"2004-02-29 01:02:03 Sun 060\"")]
    [DataRow("formatTime([Year = 2001; Month = 2; Day = 3], \"%F %T %A\")", "\"2001-02-03 00:00:00 Saturday\"")]
    [DataRow("formatTime(relTime(5))", "error")]
    [DataRow("formatTime(\"now\")", "error")]
    [DataRow("formatTime(undefined)", "error")]
    [DataRow("formatTime(0, 1)", "error")]
    [DataRow("formatTime(0, \"%Y\", 1)", "error")]
    public void FormatTime_Arguments_TimeAndFormat(string expression, string expected) =>
        Assert.AreEqual(expected, ClassAdEval.Eval(expression, Clock));
}
