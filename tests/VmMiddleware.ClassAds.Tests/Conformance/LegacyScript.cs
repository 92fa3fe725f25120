using System.Text;
using VmMiddleware.ClassAds.Formats;
using VmMiddleware.ClassAds.Matching;
using VmMiddleware.ClassAds.Printing;
using VmMiddleware.ClassAds.Syntax;

namespace VmMiddleware.ClassAds.Tests.Conformance;

/// <summary>Runs HTCondor's tests.txt script (lexer checks, ads, evaluate, matches, collection views, printing) into a transcript.</summary>
internal sealed class LegacyScript
{
    private readonly Dictionary<string, ClassAd> _ads = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, (string? Parent, Expr? Constraint, HashSet<string> Members)>> _collections = new(StringComparer.Ordinal);
    private readonly StringBuilder _out = new();

    public List<string> Failures { get; } = [];

    public string Transcript => _out.ToString();

    public void Run(string[] lines)
    {
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var words = line.Split([' ', '\t'], 2, StringSplitOptions.RemoveEmptyEntries);
            var rest = words.Length > 1 ? words[1].Trim() : string.Empty;
            switch (words[0])
            {
                case "test-lexer-one-token":
                    LexOne(i + 1, rest);
                    break;
                case "begin-classad":
                    {
                        var text = new StringBuilder();
                        while (lines[++i].Trim() != "end-classad")
                        {
                            text.AppendLine(lines[i]);
                        }

                        _ads[rest] = ClassAd.ParseNewSyntax(text.ToString(), rest);
                        break;
                    }

                case "evaluate":
                    {
                        var parts = rest.Split(' ', 2);
                        var expr = ExpressionParser.Parse(parts[1].TrimEnd(';'));
                        _out.Append("evaluate ").Append(parts[0]).Append(' ').Append(parts[1]).Append(" => ")
                            .AppendLine(Unparser.Unparse(_ads[parts[0]].Evaluate(expr)));
                        break;
                    }

                case "test-match":
                    Match(i + 1, rest.Split(' ', StringSplitOptions.RemoveEmptyEntries));
                    break;
                case "make-collection":
                    _collections[rest.Split(' ')[0]] = new() { ["root"] = (null, null, []) };
                    break;
                case "add-to-collection":
                    {
                        var p = rest.Split(' ');
                        _collections[p[0]]["root"].Members.Add(p[1]);
                        break;
                    }

                case "create-subview":
                    {
                        var p = rest.Split(' ', 4);
                        _collections[p[0]][p[2]] = (p[1], ExpressionParser.Parse(p[3]), []);
                        break;
                    }

                case "check-in-view":
                    CheckInView(i + 1, rest.Split(' '));
                    break;
                case "print-classad":
                    _out.AppendLine(Unparser.Unparse(_ads[rest]));
                    break;
                case "print-classad-xml":
                    _out.Append(XmlAdFormat.Write(_ads[rest]));
                    break;
                default:
                    Failures.Add("line " + (i + 1) + ": unknown command " + words[0]);
                    break;
            }
        }
    }

    private void LexOne(int line, string rest)
    {
        var sp = rest.LastIndexOf(' ');
        var text = rest[..sp].Trim();
        var expected = rest[(sp + 1)..];
        var lexer = new Lexer(text);
        var token = lexer.Next();
        var end = lexer.Next();
        var name = "LEX_" + string.Concat(token.Kind.ToString().Select((c, k) => k > 0 && char.IsUpper(c) ? "_" + c : c.ToString())).ToUpperInvariant();
        name = name.Replace("U_RIGHT", "URIGHT", StringComparison.Ordinal).Replace("BOUND_TO", "BOUND_TO", StringComparison.Ordinal)
            .Replace("Q_MARK", "QMARK", StringComparison.Ordinal);
        name = name switch
        {
            "LEX_META_EQUAL" or "LEX_META_NOT_EQUAL" => name,
            "LEX_OPEN_BOX" or "LEX_CLOSE_BOX" => name,
            _ => name,
        };
        _out.Append("lex ").Append(text).Append(" => ").AppendLine(name);
        if (name != expected || end.Kind != TokenKind.EndOfInput)
        {
            Failures.Add("line " + line + ": lexing " + text + " gave " + name + (end.Kind != TokenKind.EndOfInput ? " and more" : string.Empty) + ", expected " + expected);
        }
    }

    private void Match(int line, string[] p)
    {
        var result = Matchmaker.Match(_ads[p[1]], _ads[p[2]]);
        var matched = p[0] switch
        {
            "symmetricMatch" => result.IsMatch,
            "leftMatchesRight" => result.LeftMatchesRight,
            _ => result.RightMatchesLeft,
        };
        _out.Append("match ").Append(string.Join(' ', p)).Append(" => ").AppendLine(matched ? "match" : "no match");
        if (matched != (p[3] == "ExpectMatch"))
        {
            Failures.Add("line " + line + ": " + string.Join(' ', p) + " gave " + (matched ? "match" : "no match"));
        }
    }

    private void CheckInView(int line, string[] p)
    {
        var views = _collections[p[0]];
        var ad = _ads[p[2]];
        var inView = _collections[p[0]]["root"].Members.Contains(p[2]);
        for (var view = p[1]; inView && views[view].Parent is { } parent; view = parent)
        {
            var constraint = new ClassAd();
            constraint.Insert("Requirements", views[view].Constraint!);
            inView = Matchmaker.Satisfies(constraint, ad);
        }

        _out.Append("view ").Append(string.Join(' ', p)).Append(" => ").AppendLine(inView ? "in" : "not in");
        if (inView != (p[3] == "ExpectIn"))
        {
            Failures.Add("line " + line + ": " + string.Join(' ', p) + " gave " + (inView ? "in" : "not in"));
        }
    }
}
