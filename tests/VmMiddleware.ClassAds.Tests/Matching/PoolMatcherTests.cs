using VmMiddleware.ClassAds.Matching;

namespace VmMiddleware.ClassAds.Tests.Matching;

[TestClass]
public sealed class PoolMatcherTests
{
    [TestMethod]
    public void Match_Pool_AgreesWithPairwiseMatching()
    {
        var random = new Random(7);
        var jobs = new List<ClassAd>();
        var machines = new List<ClassAd>();
        for (var i = 0; i < 60; i++)
        {
            jobs.Add(ClassAd.Parse("[ ProcId = " + i + "; RequestMemory = " + (512 << random.Next(4)) + "; Owner = \"u" + random.Next(3) + "\";"
                + " Requirements = TARGET.Memory >= RequestMemory && TARGET.Arch == \"X86_64\"; Rank = TARGET.Memory + TARGET.Cpus ]"));
        }

        for (var i = 0; i < 40; i++)
        {
            machines.Add(ClassAd.Parse("[ Name = \"slot" + i + "\"; Memory = " + (1024 * random.Next(1, 6)) + "; Cpus = " + random.Next(1, 3)
                + "; Arch = \"" + (i % 7 == 0 ? "ARM" : "X86_64") + "\"; Requirements = TARGET.Owner != \"u2\" ]"));
        }

        var pooled = PoolMatcher.Match(jobs, machines);
        for (var j = 0; j < jobs.Count; j++)
        {
            var expected = Enumerable.Range(0, machines.Count)
                .Where(m => Matchmaker.Match(jobs[j], machines[m]).IsMatch)
                .OrderByDescending(m => Matchmaker.RankNumber(Matchmaker.Rank(jobs[j], machines[m])))
                .ThenBy(m => m)
                .ToArray();
            CollectionAssert.AreEqual(expected, pooled[j].ToArray(), "job " + j);
        }
    }

    [TestMethod]
    public void Group_JobsDifferingOnlyInInsignificantAttributes_ShareAGroup()
    {
        var jobs = Enumerable.Range(0, 10).Select(i => ClassAd.Parse("[ ProcId = " + i + "; Requirements = TARGET.Memory > 1 ]")).ToList();
        var machines = new List<ClassAd> { ClassAd.Parse("[ Memory = 2; Requirements = true ]") };
        Assert.AreEqual(1, PoolMatcher.Group(jobs, machines).Count);
    }
}
