using VmMiddleware.ClassAds.Formats;
using VmMiddleware.ClassAds.Matching;
using VmMiddleware.ClassAds.Printing;

namespace VmMiddleware.ClassAds.Tests.Conformance;

/// <summary>HTCondor 25.14's own answers (../shared/conformance/oracle/match_pairs): 200 job/slot pairs made from a real
/// pool's ads, with HTCondor's verdict and both ranks.</summary>
[TestClass]
public sealed class OracleMatchTests
{
    [TestMethod]
    public void MatchPairs_EveryPair_GivesHTCondorsVerdictAndRanks()
    {
        var rows = File.ReadAllLines(ConformanceFiles.PathOf("oracle/match_pairs/results.tsv")).Skip(1).Where(l => l.Length > 0).ToList();
        Assert.HasCount(200, rows);
        var failures = new List<string>();
        foreach (var row in rows)
        {
            var f = row.Split('\t');
            var job = ReadPairAd(f[0], "job");
            var machine = ReadPairAd(f[0], "machine");
            var result = Matchmaker.Match(job, machine);
            var actual = (result.IsMatch ? "true" : "false") + "\t" + Unparser.Unparse(result.LeftRank) + "\t" + Unparser.Unparse(result.RightRank);
            var wanted = f[1] + "\t" + f[2] + "\t" + f[3];
            if (actual != wanted)
            {
                failures.Add("pair " + f[0] + ": HTCondor " + wanted + ", here " + actual);
            }
        }

        Assert.IsEmpty(failures, string.Join("\n", failures));
    }

    private static ClassAd ReadPairAd(string id, string side)
    {
        var name = "pair_" + id + "." + side + ".ad";
        return AdReader.Read(File.ReadAllText(ConformanceFiles.PathOf("oracle/match_pairs/" + name)), name);
    }
}
