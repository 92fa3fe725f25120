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

    /// <summary>Returns whether <paramref name="ad"/>'s Requirements evaluate to true with <paramref name="target"/> as TARGET.</summary>
    public static bool Satisfies(ClassAd ad, ClassAd target)
    {
        ArgumentNullException.ThrowIfNull(ad);
        var v = Evaluator.EvaluateAttribute(ad, RequirementsAttribute, target);
        return IsTrue(v);
    }

    /// <summary>Matches two ads symmetrically and evaluates both Ranks (each against the other ad).</summary>
    public static MatchResult Match(ClassAd left, ClassAd right)
    {
        var lr = Satisfies(left, right);
        var rl = Satisfies(right, left);
        return new MatchResult(lr && rl, lr, rl, Rank(left, right), Rank(right, left));
    }

    /// <summary>Evaluates <paramref name="ad"/>'s Rank against <paramref name="target"/>; UNDEFINED when it has none.</summary>
    public static Value Rank(ClassAd ad, ClassAd target)
    {
        ArgumentNullException.ThrowIfNull(ad);
        return Evaluator.EvaluateAttribute(ad, RankAttribute, target);
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
