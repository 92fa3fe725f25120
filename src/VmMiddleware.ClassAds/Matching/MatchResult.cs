using VmMiddleware.ClassAds.Values;

namespace VmMiddleware.ClassAds.Matching;

/// <summary>The outcome of a symmetric match: whether both Requirements hold, and each side's Rank of the other.</summary>
public readonly record struct MatchResult(bool IsMatch, bool LeftMatchesRight, bool RightMatchesLeft, Value LeftRank, Value RightRank);
