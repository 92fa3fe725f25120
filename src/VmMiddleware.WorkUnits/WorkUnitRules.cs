using System.Text.RegularExpressions;

namespace VmMiddleware.WorkUnits;

/// <summary>The value rules shared by the model's guards and the readers' positioned error messages.</summary>
internal static partial class WorkUnitRules
{
    /// <summary>Gets a description of a valid work-unit name, for error messages.</summary>
    public const string NameExpectation = "1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit";

    /// <summary>Gets a description of a valid identifier, for error messages.</summary>
    public const string IdentifierExpectation = "letters, digits and '_', not starting with a digit";

    /// <summary>Gets a description of a valid SHA-256 digest, for error messages.</summary>
    public const string Sha256Expectation = "64 lowercase hexadecimal digits";

    /// <summary>Gets a description of a valid MAC address, for error messages.</summary>
    public const string MacAddressExpectation = "six hexadecimal pairs separated by ':' with an even first octet (a unicast address), such as 52:54:00:12:34:56";

    /// <summary>Returns whether <paramref name="value"/> is a unicast MAC address in the usual colon form.</summary>
    public static bool IsMacAddress(string? value) =>
        value is not null && MacPattern().IsMatch(value) && (Convert.ToInt32(value[..2], 16) & 1) == 0;

    /// <summary>Returns whether <paramref name="value"/> is a valid work-unit name.</summary>
    public static bool IsName(string? value) => value is not null && NamePattern().IsMatch(value);

    /// <summary>Returns whether <paramref name="value"/> is a valid environment variable or ClassAd attribute name.</summary>
    public static bool IsIdentifier(string? value) => value is not null && IdentifierPattern().IsMatch(value);

    /// <summary>Returns whether <paramref name="value"/> is 64 lowercase hexadecimal digits.</summary>
    public static bool IsSha256(string? value) => value is not null && Sha256Pattern().IsMatch(value);

    /// <summary>Says what is wrong with <paramref name="path"/> as a path relative to a guest directory ("is absolute", "contains '..'"), or returns null when nothing is.</summary>
    public static string? RelativePathProblem(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0)
        {
            return "is empty";
        }

        if (path[0] == '/' || path[0] == '\\' || (path.Length > 1 && path[1] == ':'))
        {
            return "is absolute";
        }

        if (path.Contains('\\', StringComparison.Ordinal))
        {
            return "contains '\\' (the separator is '/')";
        }

        if (path.Contains('\0', StringComparison.Ordinal))
        {
            return "contains a NUL character";
        }

        var segments = path.TrimEnd('/').Split('/');
        if (segments.Contains(".."))
        {
            return "contains '..'";
        }

        return segments.Any(s => s.Length == 0 || s == ".") ? "contains an empty or '.' segment" : null;
    }

    /// <summary>Throws when <paramref name="path"/> is not a safe relative guest path.</summary>
    public static string RequireRelativePath(string path, string what, string paramName)
    {
        var problem = RelativePathProblem(path);
        return problem is null
            ? path
            : throw new ArgumentException($"{what} '{path}' {problem}; expected a relative path that stays inside its directory.", paramName);
    }

    /// <summary>Throws when <paramref name="value"/> is not greater than zero.</summary>
    public static T RequirePositive<T>(T value, string paramName)
        where T : struct, IComparable<T> =>
        value.CompareTo(default) > 0 ? value : throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be greater than zero.");

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex IdentifierPattern();

    [GeneratedRegex("^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}$")]
    private static partial Regex MacPattern();

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Pattern();
}
