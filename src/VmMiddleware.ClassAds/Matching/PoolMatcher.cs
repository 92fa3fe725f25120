using System.Text;
using VmMiddleware.ClassAds.Printing;

namespace VmMiddleware.ClassAds.Matching;

/// <summary>Matches N job ads against M machine ads: for each job, the machines that match symmetrically, best job Rank first.</summary>
/// <remarks>
/// Pairwise matching costs N×M evaluations. Like HTCondor's autoclusters, jobs (and machines) whose significant attributes
/// are identical must match identically, so each group is matched once: the significant attributes of a job are those its
/// own Requirements and Rank read, plus every name any machine's Requirements or Rank mentions (and vice versa).
/// </remarks>
public static class PoolMatcher
{
    /// <summary>Returns, for every job (by index), the indexes of the matching machines ordered by the job's Rank, highest
    /// first (ties by machine order); time functions read <paramref name="clock"/> (<see cref="TimeProvider.System"/> when null).</summary>
    public static IReadOnlyList<IReadOnlyList<int>> Match(IReadOnlyList<ClassAd> jobs, IReadOnlyList<ClassAd> machines, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(machines);
        var machineGroups = Group(machines, jobs);
        var jobGroups = Group(jobs, machines);
        var results = new IReadOnlyList<int>[jobs.Count];
        foreach (var jobGroup in jobGroups)
        {
            var job = jobs[jobGroup[0]];
            var matches = new List<(double Rank, int Machine)>();
            foreach (var machineGroup in machineGroups)
            {
                var machine = machines[machineGroup[0]];
                if (!Matchmaker.Satisfies(job, machine, clock) || !Matchmaker.Satisfies(machine, job, clock))
                {
                    continue;
                }

                // Rank may read attributes outside the significant set only through the same names, so one value serves the group.
                var rank = Matchmaker.RankNumber(Matchmaker.Rank(job, machine, clock));
                foreach (var m in machineGroup)
                {
                    matches.Add((rank, m));
                }
            }

            matches.Sort((a, b) => a.Rank != b.Rank ? b.Rank.CompareTo(a.Rank) : a.Machine.CompareTo(b.Machine));
            var ordered = matches.ConvertAll(x => x.Machine).ToArray();
            foreach (var j in jobGroup)
            {
                results[j] = ordered;
            }
        }

        return results;
    }

    /// <summary>Groups ads whose significant attributes print identically.</summary>
    internal static List<List<int>> Group(IReadOnlyList<ClassAd> ads, IReadOnlyList<ClassAd> others)
    {
        var mentionedByOthers = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var seenExpressions = new HashSet<string>(StringComparer.Ordinal);
        foreach (var other in others)
        {
            foreach (var name in new[] { Matchmaker.RequirementsAttribute, Matchmaker.RankAttribute })
            {
                if (other.Lookup(name) is { } e && seenExpressions.Add(e.ToString()))
                {
                    foreach (var n in ReferenceCollector.Closure(other, [name]))
                    {
                        if (other.Lookup(n) is { } sub)
                        {
                            ReferenceCollector.Collect(sub, mentionedByOthers);
                        }
                    }
                }
            }
        }

        var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var order = new List<List<int>>();
        var key = new StringBuilder();
        for (var i = 0; i < ads.Count; i++)
        {
            var ad = ads[i];
            var significant = ReferenceCollector.Closure(ad, mentionedByOthers.Append(Matchmaker.RequirementsAttribute).Append(Matchmaker.RankAttribute));
            key.Clear();
            foreach (var (name, expr) in ad.Attributes)
            {
                if (significant.Contains(name))
                {
                    key.Append(name.ToUpperInvariant()).Append('=').Append(Unparser.Unparse(expr)).Append('\n');
                }
            }

            var k = key.ToString();
            if (!groups.TryGetValue(k, out var group))
            {
                group = [];
                groups[k] = group;
                order.Add(group);
            }

            group.Add(i);
        }

        return order;
    }
}
