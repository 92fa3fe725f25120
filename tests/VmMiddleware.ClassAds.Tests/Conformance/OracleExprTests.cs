using System.Globalization;
using VmMiddleware.ClassAds.Formats;
using VmMiddleware.ClassAds.Printing;
using VmMiddleware.ClassAds.Syntax;

namespace VmMiddleware.ClassAds.Tests.Conformance;

/// <summary>HTCondor 25.14's own answers (../shared/conformance/oracle): 20,000 expressions evaluated in scope.ad, each
/// printed as HTCondor printed it, or listed in oracle.approved.txt with the HTCondor source line that explains why not.</summary>
[TestClass]
public sealed class OracleExprTests
{
    private const double RequiredRate = 0.999;

    [TestMethod]
    public void Exprs_EvaluatedInScopeAd_PrintAsHTCondorOrAreApproved()
    {
        var exprs = File.ReadAllLines(ConformanceFiles.PathOf("oracle/exprs.txt"));
        var expected = File.ReadAllLines(ConformanceFiles.PathOf("oracle/exprs.unparsed.txt"));
        Assert.AreEqual(exprs.Length, expected.Length);
        var scope = AdReader.Read(File.ReadAllText(ConformanceFiles.PathOf("oracle/scope.ad")), "scope.ad");
        var approved = ApprovedDifferences();

        var differing = new List<int>();
        var unexplained = new List<string>();
        for (var i = 0; i < exprs.Length; i++)
        {
            var actual = EvaluateLine(exprs[i], scope);
            if (!OracleText.Same(expected[i], actual))
            {
                differing.Add(i + 1);
                if (!approved.ContainsKey(i + 1))
                {
                    unexplained.Add((i + 1) + ": " + exprs[i] + "\n  HTCondor: " + expected[i] + "\n  here:     " + actual);
                }
            }
        }

        var rate = (exprs.Length - differing.Count) / (double)exprs.Length;
        var stale = approved.Keys.Except(differing).Order().ToList();
        Assert.IsEmpty(unexplained, unexplained.Count + " lines differ from HTCondor and are not approved:\n" + string.Join("\n", unexplained.Take(40)));
        Assert.IsEmpty(stale, "approved differences that now agree (remove them): " + string.Join(", ", stale));
        Assert.IsGreaterThanOrEqualTo(RequiredRate, rate, "agreement " + rate.ToString("P3", CultureInfo.InvariantCulture));
    }

    internal static string EvaluateLine(string line, ClassAd scope)
    {
        Expr expr;
        try
        {
            expr = ExpressionParser.Parse(line);
        }
        catch (ClassAdParseException e)
        {
            return "PARSE_ERROR " + e.Message;
        }

        return Unparser.Unparse(scope.Evaluate(expr));
    }

    // oracle.approved.txt: "<line>\t<why, with the HTCondor source line>"; '#' starts a comment.
    private static Dictionary<int, string> ApprovedDifferences()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Conformance", "oracle.approved.txt");
        var result = new Dictionary<int, string>();
        foreach (var raw in File.ReadAllLines(path))
        {
            if (raw.Length == 0 || raw[0] == '#')
            {
                continue;
            }

            var tab = raw.IndexOf('\t', StringComparison.Ordinal);
            Assert.IsGreaterThan(0, tab, "oracle.approved.txt: no reason on '" + raw + "'");
            result.Add(int.Parse(raw.AsSpan(0, tab), CultureInfo.InvariantCulture), raw[(tab + 1)..]);
        }

        return result;
    }
}
