namespace VmMiddleware.Host.Processes;

/// <summary>POSIX shell quoting: every string becomes one single-quoted word that any POSIX sh reads back byte for byte.</summary>
public static class ShellQuoting
{
    /// <summary>Quotes <paramref name="value"/> as '...' with every ' written as '\''; NUL cannot be represented and is refused.</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Contains('\0', StringComparison.Ordinal)
            ? throw new ArgumentException("A shell word cannot contain NUL.", nameof(value))
            : "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }
}
