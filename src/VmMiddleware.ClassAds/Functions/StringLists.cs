namespace VmMiddleware.ClassAds.Functions;

/// <summary>Splits HTCondor "string lists" (<c>"a, b, c"</c>): items end at any delimiter character; empty items are dropped.</summary>
internal static class StringLists
{
    /// <summary>The default delimiters of the stringList functions: comma and space.</summary>
    public const string DefaultDelimiters = ", ";

    /// <summary>Returns the non-empty items of <paramref name="list"/>, trimmed of white space.</summary>
    public static List<string> Split(string list, string delimiters)
    {
        if (delimiters.Length == 0)
        {
            delimiters = DefaultDelimiters;
        }

        var items = new List<string>();
        foreach (var piece in list.Split(delimiters.ToCharArray()))
        {
            var item = piece.Trim(' ', '\t', '\r', '\n');
            if (item.Length > 0)
            {
                items.Add(item);
            }
        }

        return items;
    }
}
