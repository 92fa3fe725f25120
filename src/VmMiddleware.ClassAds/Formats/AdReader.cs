namespace VmMiddleware.ClassAds.Formats;

/// <summary>Reads one ClassAd from text in any supported format, detected from its first significant character.</summary>
public static class AdReader
{
    /// <summary>Parses new syntax (<c>[</c>), JSON (<c>{</c> or a JSON array), XML (<c>&lt;</c>) or old syntax (anything else).</summary>
    public static ClassAd Read(string text, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var first = text.AsSpan().TrimStart();
        if (first.IsEmpty)
        {
            return new ClassAd();
        }

        return first[0] switch
        {
            '<' => XmlAdFormat.ReadOne(text, source),
            '{' => JsonAdFormat.Read(text, source),
            '[' when LooksLikeJsonArray(first) => JsonAdFormat.Read(text, source),
            _ => ClassAd.Parse(text, source),
        };
    }

    private static bool LooksLikeJsonArray(ReadOnlySpan<char> text)
    {
        var rest = text[1..].TrimStart();
        return !rest.IsEmpty && rest[0] is '{' or ']';
    }
}
