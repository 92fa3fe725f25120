namespace VmMiddleware.Translation.Rsl;

/// <summary>Compares RSL attribute names as the GRAM5 job manager does: ignoring case and underscores.</summary>
public static class RslAttributeName
{
    /// <summary>Gets a comparer that treats file_stage_in, FileStageIn and filestagein as the same name.</summary>
    public static IEqualityComparer<string> Comparer { get; } = new NameComparer();

    /// <summary>Returns the canonical form of <paramref name="name"/>: lower case, without underscores.</summary>
    public static string Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Replace("_", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
    }

    /// <summary>Returns whether two attribute names denote the same attribute.</summary>
    public static bool AreSame(string left, string right) => Normalize(left) == Normalize(right);

    private sealed class NameComparer : IEqualityComparer<string>
    {
        public bool Equals(string? x, string? y) => x is null || y is null ? x == y : AreSame(x, y);

        public int GetHashCode(string obj) => StringComparer.Ordinal.GetHashCode(Normalize(obj));
    }
}
