using System.Globalization;
using System.Text;
using System.Xml;
using VmMiddleware.ClassAds.Printing;
using VmMiddleware.ClassAds.Syntax;
using VmMiddleware.ClassAds.Values;

namespace VmMiddleware.ClassAds.Formats;

/// <summary>HTCondor's XML form of ClassAds (<c>&lt;classads&gt;&lt;c&gt;&lt;a n="..."&gt;</c> with typed value elements).</summary>
public static class XmlAdFormat
{
    private const string Header = "<?xml version=\"1.0\"?>\n<!DOCTYPE classads SYSTEM \"classads.dtd\">\n<classads>\n";

    /// <summary>Writes one ad as an XML document.</summary>
    public static string Write(ClassAd ad) => WriteMany([ad]);

    /// <summary>Writes several ads as one <c>&lt;classads&gt;</c> document.</summary>
    public static string WriteMany(IEnumerable<ClassAd> ads)
    {
        ArgumentNullException.ThrowIfNull(ads);
        var sb = new StringBuilder(Header);
        foreach (var ad in ads)
        {
            WriteAd(sb, ad, 0);
            sb.Append('\n');
        }

        sb.Append("</classads>\n");
        return sb.ToString();
    }

    private static void WriteAd(StringBuilder sb, ClassAd ad, int indent)
    {
        sb.Append("<c>");
        foreach (var (name, expr) in ad.Attributes)
        {
            sb.Append('\n').Append(' ', indent + 4).Append("<a n=\"").Append(Escape(name)).Append("\">");
            WriteExpr(sb, expr, indent + 4);
            sb.Append("</a>");
        }

        sb.Append('\n').Append(' ', indent).Append("</c>");
    }

    private static void WriteExpr(StringBuilder sb, Expr expr, int indent)
    {
        switch (expr)
        {
            case LiteralExpr { Factor: '\0' } l:
                WriteValue(sb, l.Value, indent);
                return;
            case ListExpr list:
                sb.Append("<l>");
                foreach (var item in list.Items)
                {
                    WriteExpr(sb, item, indent);
                }

                sb.Append("</l>");
                return;
            case AdExpr a:
                WriteAd(sb, a.Ad, indent);
                return;
            default:
                sb.Append("<e>").Append(Escape(Unparser.Unparse(expr))).Append("</e>");
                return;
        }
    }

    private static void WriteValue(StringBuilder sb, Value v, int indent)
    {
        switch (v.Kind)
        {
            case ValueKind.Undefined: sb.Append("<un/>"); break;
            case ValueKind.Error: sb.Append("<er/>"); break;
            case ValueKind.Boolean: sb.Append(v.AsBoolean ? "<b v=\"t\"/>" : "<b v=\"f\"/>"); break;
            case ValueKind.Integer: sb.Append("<i>").Append(v.AsInteger.ToString(CultureInfo.InvariantCulture)).Append("</i>"); break;
            case ValueKind.Real: sb.Append("<r>").Append(Escape(RealFormatter.Format(v.AsReal, oldSyntax: false))).Append("</r>"); break;
            case ValueKind.String: sb.Append("<s>").Append(Escape(v.AsString)).Append("</s>"); break;
            case ValueKind.AbsoluteTime:
                sb.Append("<at>").Append(TimeFormatter.AbsoluteTime(v.AsInteger, v.TimeZoneOffset)).Append("</at>");
                break;
            case ValueKind.RelativeTime:
                sb.Append("<rt>").Append(TimeFormatter.RelativeTime(v.AsReal)).Append("</rt>");
                break;
            case ValueKind.List:
                sb.Append("<l>");
                foreach (var item in v.AsList.Items)
                {
                    WriteExpr(sb, item, indent);
                }

                sb.Append("</l>");
                break;
            case ValueKind.ClassAd:
                WriteAd(sb, v.AsClassAd, indent);
                break;
        }
    }

    private static string Escape(string s) =>
        s.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);

    /// <summary>Reads the first ad of an XML document; <paramref name="clock"/> as for <see cref="ReadMany"/>.</summary>
    public static ClassAd ReadOne(string xml, string? source = null, TimeProvider? clock = null)
    {
        var ads = ReadMany(xml, source, clock);
        if (ads.Count == 0)
        {
            throw new ClassAdParseException(1, 1, "the XML document holds no <c> element", source);
        }

        return ads[0];
    }

    /// <summary>Reads every top-level ad of an XML document; the DOCTYPE is ignored, never processed; an absolute time
    /// without a zone is read in <paramref name="clock"/>'s local zone (the system's when null).</summary>
    public static IReadOnlyList<ClassAd> ReadMany(string xml, string? source = null, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null, IgnoreWhitespace = true, IgnoreComments = true };
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        var ads = new List<ClassAd>();
        try
        {
            var doc = new XmlDocument { XmlResolver = null };
            doc.Load(reader);
            var root = doc.DocumentElement;
            if (root is null)
            {
                return ads;
            }

            var nodes = root.Name == "c" ? [root] : root.ChildNodes.OfType<XmlElement>().Where(e => e.Name == "c");
            foreach (var c in nodes)
            {
                ads.Add(ReadAd(c, source, clock));
            }

            return ads;
        }
        catch (XmlException e)
        {
            throw new ClassAdParseException(e.LineNumber, e.LinePosition, "invalid XML: " + e.Message, source);
        }
    }

    private static ClassAd ReadAd(XmlElement c, string? source, TimeProvider? clock)
    {
        var ad = new ClassAd();
        foreach (var a in c.ChildNodes.OfType<XmlElement>())
        {
            if (a.Name != "a" || a.GetAttribute("n") is not { Length: > 0 } name)
            {
                throw new ClassAdParseException(1, 1, "expected <a n=\"name\"> inside <c>, found <" + a.Name + ">", source);
            }

            var valueElement = a.ChildNodes.OfType<XmlElement>().FirstOrDefault()
                ?? throw new ClassAdParseException(1, 1, "attribute " + name + " has no value element", source);
            ad.Insert(name, ReadExpr(valueElement, source, name, clock));
        }

        return ad;
    }

    private static Expr ReadExpr(XmlElement e, string? source, string name, TimeProvider? clock)
    {
        var text = e.InnerText;
        try
        {
            return e.Name switch
            {
                "un" => new LiteralExpr(Value.Undefined),
                "er" => new LiteralExpr(Value.Error),
                "b" => new LiteralExpr(Value.FromBoolean(e.GetAttribute("v") is "t" or "true")),
                "i" => new LiteralExpr(Value.FromInteger(long.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture))),
                "r" => Parser.ParseExpression(text, source, clock),
                "s" => new LiteralExpr(Value.FromString(text)),
                "e" => Parser.ParseExpression(text, source, clock),
                "at" => Parser.ParseExpression("absTime(\"" + text + "\")", source, clock),
                "rt" => Parser.ParseExpression("relTime(\"" + text + "\")", source, clock),
                "l" => new ListExpr(e.ChildNodes.OfType<XmlElement>().Select(x => ReadExpr(x, source, name, clock)).ToArray()),
                "c" => new AdExpr(ReadAd(e, source, clock)),
                _ => throw new ClassAdParseException(1, 1, "unknown value element <" + e.Name + "> for " + name, source),
            };
        }
        catch (FormatException ex) when (ex is not ClassAdParseException)
        {
            throw new ClassAdParseException(1, 1, "bad value for " + name + ": " + ex.Message, source);
        }
    }
}
