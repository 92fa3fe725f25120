using VmMiddleware.ClassAds.Evaluation;
using VmMiddleware.ClassAds.Values;

namespace VmMiddleware.ClassAds.Matching;

/// <summary>HTCondor's symmetric matchmaking of two ads through their Requirements, with MY/TARGET scoping, and their Ranks.</summary>
public static class Matchmaker
{
    /// <summary>The attribute holding an ad's constraint on its match.</summary>
    public const string RequirementsAttribute = "Requirements";

    /// <summary>The attribute holding an ad's preference among matches.</summary>
    public const string RankAttribute = "Rank";

    /// <summary>Returns whether <paramref name="ad"/>'s Requirements evaluate to true with <paramref name="target"/> as
    /// TARGET; time functions read <paramref name="clock"/> (<see cref="TimeProvider.System"/> when null).</summary>
    public static bool Satisfies(ClassAd ad, ClassAd target, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(ad);
        var v = Evaluator.EvaluateAttribute(ad, RequirementsAttribute, target, clock);
        return IsTrue(v);
    }

    /// <summary>Matches two ads symmetrically and evaluates both Ranks (each against the other ad); time functions read
    /// <paramref name="clock"/> (<see cref="TimeProvider.System"/> when null).</summary>
    public static MatchResult Match(ClassAd left, ClassAd right, TimeProvider? clock = null)
    {
        var lr = Satisfies(left, right, clock);
        var rl = Satisfies(right, left, clock);
        return new MatchResult(lr && rl, lr, rl, Rank(left, right, clock), Rank(right, left, clock));
    }

    /// <summary>Evaluates <paramref name="ad"/>'s Rank against <paramref name="target"/>; UNDEFINED when it has none; time
    /// functions read <paramref name="clock"/> (<see cref="TimeProvider.System"/> when null).</summary>
    public static Value Rank(ClassAd ad, ClassAd target, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(ad);
        return Evaluator.EvaluateAttribute(ad, RankAttribute, target, clock);
    }

    /// <summary>Reads a Rank value as a number for ordering, as the negotiator does (non-numbers rank 0.0).</summary>
    public static double RankNumber(Value rank) => rank.Kind switch
    {
        ValueKind.Integer => rank.AsInteger,
        ValueKind.Real => rank.AsReal,
        ValueKind.Boolean => rank.AsBoolean ? 1.0 : 0.0,
        _ => 0.0,
    };

    internal static bool IsTrue(Value v) => v.TryGetTruth(out var b) && b;
}
