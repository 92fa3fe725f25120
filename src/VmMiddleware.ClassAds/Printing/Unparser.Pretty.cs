using VmMiddleware.ClassAds.Syntax;

namespace VmMiddleware.ClassAds.Printing;

/// <summary>HTCondor's PrettyPrint layout (sink.cpp), which the <c>unparse()</c> function prints with.</summary>
public static partial class Unparser
{
    private const int AdIndent = 4;
    private const int ListIndent = 3;

    /// <summary>Prints an expression as sink.cpp PrettyPrint does: operators as ClassAdUnParser prints them, ad and list
    /// literals on indented lines (4 spaces a level for ads, 3 for lists), ads' attributes in HTCondor's order.</summary>
    internal static string UnparsePretty(Expr expr)
    {
        var w = new Writer(oldSyntax: false, 256) { Pretty = true, FlatMapOrder = true };
        w.Expr(expr);
        return w.Finish();
    }

    private sealed partial class Writer
    {
        private int _indent;

        /// <summary>Gets a value indicating whether ad and list literals print in PrettyPrint's multi-line layout.</summary>
        public bool Pretty { get; init; }

        private void NewLine()
        {
            Append('\n');
            for (var i = 0; i < _indent; i++)
            {
                Append(' ');
            }
        }

        private void PrettyList(IReadOnlyList<Expr> items)
        {
            _indent += ListIndent;
            NewLine();
            Append('{');
            _indent += ListIndent;
            for (var i = 0; i < items.Count; i++)
            {
                NewLine();
                Expr(items[i]);
                if (i + 1 < items.Count)
                {
                    Append(',');
                }
            }

            _indent -= ListIndent;
            NewLine();
            Append('}');
            _indent -= ListIndent;
        }

        private void PrettyAd(ClassAd ad)
        {
            var entries = ad.Table.Entries.ToArray();
            Array.Sort(entries, FlatMapCompare);
            _indent += AdIndent;
            NewLine();
            Append('[');
            _indent += AdIndent;
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
                NewLine();
                Binding(entry.Info, entry.Value);
            }

            _indent -= AdIndent;
            NewLine();
            Append(']');
            _indent -= AdIndent;
        }
    }
}
