namespace VmMiddleware.ClassAds.Syntax;

/// <summary>The names that denote an ad rather than an attribute when no attribute of that name is in scope.</summary>
internal enum ScopeKeyword : byte
{
    None,
    My,
    Target,
    Parent,
}
