namespace VmMiddleware.ClassAds.Syntax;

/// <summary>Recognizes MY, TARGET (and its new-ClassAd alias OTHER) and PARENT, case-insensitively.</summary>
internal static class ScopeKeywords
{
    public static ScopeKeyword Of(string name) =>
        name.Equals("my", StringComparison.OrdinalIgnoreCase) ? ScopeKeyword.My
        : name.Equals("target", StringComparison.OrdinalIgnoreCase) || name.Equals("other", StringComparison.OrdinalIgnoreCase) ? ScopeKeyword.Target
        : name.Equals("parent", StringComparison.OrdinalIgnoreCase) ? ScopeKeyword.Parent
        : ScopeKeyword.None;
}
