using System.Globalization;
using System.Text;
using System.Text.Json;
using VmMiddleware.ClassAds.Printing;
using VmMiddleware.ClassAds.Syntax;
using VmMiddleware.ClassAds.Values;

namespace VmMiddleware.ClassAds.Formats;

/// <summary>HTCondor's JSON form of ClassAds (as <c>condor_q -json</c> prints): literals as JSON values, other expressions as <c>"\/Expr(...)\/"</c>.</summary>
public static class JsonAdFormat
{
    private const string ExprPrefix = "/Expr(";
    private const string ExprSuffix = ")/";

    /// <summary>Writes one ad as a JSON object with two-space indentation and a final newline.</summary>
    public static string Write(ClassAd ad)
    {
        ArgumentNullException.ThrowIfNull(ad);
        var sb = new StringBuilder();
        WriteAd(sb, ad, 0);
        sb.Append('\n');
        return sb.ToString();
    }

    private static void WriteAd(StringBuilder sb, ClassAd ad, int indent)
    {
        sb.Append('{');
        var first = true;
        foreach (var (name, expr) in ad.Attributes)
        {
            sb.Append(first ? "\n" : ",\n");
            first = false;
            sb.Append(' ', indent + 2);
            String(sb, name);
            sb.Append(": ");
            WriteExpr(sb, expr, indent + 2);
        }

        sb.Append('\n').Append(' ', indent).Append('}');
    }

    private static void WriteExpr(StringBuilder sb, Expr expr, int indent)
    {
        switch (expr)
        {
            case LiteralExpr { Factor: '\0' } l when l.Value.Kind is ValueKind.Undefined:
                sb.Append("null");
                return;
            case LiteralExpr { Factor: '\0' } l when l.Value.Kind is ValueKind.Boolean:
                sb.Append(l.Value.AsBoolean ? "true" : "false");
                return;
            case LiteralExpr { Factor: '\0' } l when l.Value.Kind is ValueKind.Integer:
                sb.Append(l.Value.AsInteger.ToString(CultureInfo.InvariantCulture));
                return;
            case LiteralExpr { Factor: '\0' } l when l.Value.Kind is ValueKind.Real && double.IsFinite(l.Value.AsReal):
                sb.Append(RealFormatter.Format(l.Value.AsReal, oldSyntax: false));
                return;
            case LiteralExpr { Factor: '\0' } l when l.Value.Kind is ValueKind.String:
                String(sb, l.Value.AsString);
                return;
            case ListExpr list:
                sb.Append('[');
                for (var i = 0; i < list.Items.Count; i++)
                {
                    sb.Append(i == 0 ? "\n" : ",\n").Append(' ', indent + 2);
                    WriteExpr(sb, list.Items[i], indent + 2);
                }

                sb.Append(list.Items.Count == 0 ? "]" : "\n" + new string(' ', indent) + "]");
                return;
            case AdExpr nested:
                WriteAd(sb, nested.Ad, indent);
                return;
            default:
                String(sb, ExprPrefix + Unparser.Unparse(expr) + ExprSuffix);
                return;
        }
    }

    private static void String(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '/': sb.Append("\\/"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20)
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
    }

    /// <summary>Reads one ad from a JSON object, or from an array holding exactly one object; an <c>absTime("...")</c>
    /// without a zone in an expression is read in <paramref name="clock"/>'s local zone (the system's when null).</summary>
    public static ClassAd Read(string json, string? source = null, TimeProvider? clock = null)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException e)
        {
            throw new ClassAdParseException((int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1, "invalid JSON: " + e.Message, source);
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Array)
            {
                if (root.GetArrayLength() != 1 || root[0].ValueKind != JsonValueKind.Object)
                {
                    throw new ClassAdParseException(1, 1, "expected a JSON array holding exactly one ClassAd object", source);
                }

                root = root[0];
            }

            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ClassAdParseException(1, 1, "expected a JSON object", source);
            }

            return ReadAd(root, source, clock);
        }
    }

    private static ClassAd ReadAd(JsonElement obj, string? source, TimeProvider? clock)
    {
        var ad = new ClassAd();
        foreach (var p in obj.EnumerateObject())
        {
            ad.Insert(p.Name, ReadExpr(p.Value, source, p.Name, clock));
        }

        return ad;
    }

    private static Expr ReadExpr(JsonElement e, string? source, string name, TimeProvider? clock) => e.ValueKind switch
    {
        JsonValueKind.Null => new LiteralExpr(Value.Undefined),
        JsonValueKind.True => new LiteralExpr(Value.True),
        JsonValueKind.False => new LiteralExpr(Value.False),
        JsonValueKind.Number => e.TryGetInt64(out var i) ? new LiteralExpr(Value.FromInteger(i)) : new LiteralExpr(Value.FromReal(e.GetDouble())),
        JsonValueKind.String => ReadString(e.GetString()!, source, name, clock),
        JsonValueKind.Array => new ListExpr(e.EnumerateArray().Select(x => ReadExpr(x, source, name, clock)).ToArray()),
        JsonValueKind.Object => new AdExpr(ReadAd(e, source, clock)),
        _ => throw new ClassAdParseException(1, 1, "unsupported JSON value for " + name, source),
    };

    private static Expr ReadString(string s, string? source, string name, TimeProvider? clock)
    {
        if (s.StartsWith(ExprPrefix, StringComparison.Ordinal) && s.EndsWith(ExprSuffix, StringComparison.Ordinal))
        {
            var text = s[ExprPrefix.Length..^ExprSuffix.Length];
            if (!Parser.TryParseExpression(text, out var expr, out var failure, clock))
            {
                throw new ClassAdParseException(1, failure.Column, "in the expression of " + name + ": " + failure.Problem, source);
            }

            return expr;
        }

        return new LiteralExpr(Value.FromString(s));
    }
}
