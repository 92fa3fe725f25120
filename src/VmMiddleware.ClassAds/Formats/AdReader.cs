namespace VmMiddleware.ClassAds.Formats;

/// <summary>Reads one ClassAd from text in any supported format, detected from its first significant character.</summary>
public static class AdReader
{
    /// <summary>Parses new syntax (<c>[</c>), JSON (<c>{</c> or a JSON array), XML (<c>&lt;</c>) or old syntax (anything
    /// else); an absolute time without a zone is read in <paramref name="clock"/>'s local zone (the system's when null).</summary>
    public static ClassAd Read(string text, string? source = null, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var first = text.AsSpan().TrimStart();
        if (first.IsEmpty)
        {
            return new ClassAd();
        }

        return first[0] switch
        {
            '<' => XmlAdFormat.ReadOne(text, source, clock),
            '{' => JsonAdFormat.Read(text, source, clock),
            '[' when LooksLikeJsonArray(first) => JsonAdFormat.Read(text, source, clock),
            _ => ClassAd.Parse(text, source, clock),
        };
    }

    private static bool LooksLikeJsonArray(ReadOnlySpan<char> text)
    {
        var rest = text[1..].TrimStart();
        return !rest.IsEmpty && rest[0] is '{' or ']';
    }
}
