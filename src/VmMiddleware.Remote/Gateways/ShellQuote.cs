namespace VmMiddleware.Remote.Gateways;

/// <summary>Quotes words for the POSIX shell that runs commands on the gateway.</summary>
public static class ShellQuote
{
    /// <summary>Returns <paramref name="word"/> in single quotes, each ' written as '\''.</summary>
    public static string Word(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    /// <summary>Returns the words quoted and joined by spaces.</summary>
    public static string Words(IEnumerable<string> words) => string.Join(' ', words.Select(Word));
}
