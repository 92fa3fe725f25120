namespace VmMiddleware.ClassAds.Functions;

/// <summary>Splits HTCondor "string lists" (<c>"a, b, c"</c>): items end at any delimiter character; empty items are dropped.</summary>
internal static class StringLists
{
    /// <summary>The default delimiters of the stringList functions: comma and space.</summary>
    public const string DefaultDelimiters = ", ";

    /// <summary>Returns the non-empty items of <paramref name="list"/>, trimmed of white space; with no delimiters the
    /// whole list is one item, as HTCondor's StringTokenIterator reads it.</summary>
    public static List<string> Split(string list, string delimiters)
    {
        var items = new List<string>();
        if (delimiters.Length == 0)
        {
            var whole = list.Trim(' ', '\t', '\r', '\n');
            if (whole.Length > 0)
            {
                items.Add(whole);
            }

            return items;
        }

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
