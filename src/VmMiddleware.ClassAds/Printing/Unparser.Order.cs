using VmMiddleware.ClassAds.Evaluation;

namespace VmMiddleware.ClassAds.Printing;

/// <summary>Ads printed in the order HTCondor keeps their attributes in.</summary>
public static partial class Unparser
{
    /// <summary>Prints a value in new syntax with every ad's attributes in HTCondor's order (classad_flat_map.h
    /// ClassAdFlatMapOrder: shorter names first, then names compared as strcasecmp does), as HTCondor's unparser
    /// writes them when a value becomes a string (<c>string()</c>, <c>strcat()</c>, <c>join()</c>).</summary>
    internal static string UnparseInHTCondorOrder(Values.Value value)
    {
        var w = new Writer(oldSyntax: false, 64) { FlatMapOrder = true };
        w.Value(value);
        return w.Finish();
    }

    private sealed partial class Writer
    {
        /// <summary>Gets a value indicating whether ads print in HTCondor's attribute order rather than as inserted.</summary>
        public bool FlatMapOrder { get; init; }

        private static int FlatMapCompare(AttributeTable.Entry x, AttributeTable.Entry y) =>
            x.Name.Length != y.Name.Length ? x.Name.Length - y.Name.Length : Operators.CaseInsensitiveCompare(x.Name, y.Name);

        private void SortedAd(ClassAd ad)
        {
            var entries = ad.Table.Entries.ToArray();
            Array.Sort(entries, FlatMapCompare);
            Append("[ ");
            var first = true;
            foreach (var entry in entries)
            {
                if (entry.Value is null)
                {
                    continue;
                }

                if (!first)
                {
                    Append("; ");
                }

                first = false;
                Binding(entry.Info, entry.Value);
            }

            Append(" ]");
        }
    }
}
