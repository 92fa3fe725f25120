using System.Text;
using VmMiddleware.ClassAds.Evaluation;
using VmMiddleware.ClassAds.Formats;
using VmMiddleware.ClassAds.Printing;
using VmMiddleware.ClassAds.Syntax;
using VmMiddleware.ClassAds.Values;

namespace VmMiddleware.ClassAds.Tests.Conformance;

/// <summary>Runs HTCondor's functional_tests.txt script language: eval, same, diff, echo, writexml, readxml, with $variables.</summary>
internal sealed class FunctionalScript
{
    private readonly Dictionary<string, Value> _variables = new(StringComparer.Ordinal);
    private readonly string _workDir;

    public FunctionalScript(string workDir)
    {
        _workDir = workDir;
    }

    /// <summary>One checked statement: its first line, its text, and whether the check held.</summary>
    public sealed record Outcome(int Line, string Text, bool Passed, string Detail);

    /// <summary>Splits the script into statements (joining lines until brackets balance) with their first line numbers.</summary>
    public static IEnumerable<(int Line, string Text)> Statements(string[] lines)
    {
        var i = 0;
        while (i < lines.Length)
        {
            var first = i;
            var text = lines[i++];
            var trimmed = text.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith("//", StringComparison.Ordinal) || trimmed.StartsWith('#'))
            {
                continue;
            }

            while (Balance(text) > 0 && i < lines.Length)
            {
                text += "\n" + lines[i++];
            }

            yield return (first + 1, text.Trim());
        }
    }

    private static int Balance(string text)
    {
        var depth = 0;
        var inString = false;
        for (var k = 0; k < text.Length; k++)
        {
            var c = text[k];
            if (inString)
            {
                if (c == '\\')
                {
                    k++;
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            switch (c)
            {
                case '"': inString = true; break;
                case '[' or '{' or '(': depth++; break;
                case ']' or '}' or ')': depth--; break;
            }
        }

        return depth;
    }

    public Outcome? Run(int line, string statement)
    {
        var space = statement.IndexOfAny([' ', '\t']);
        var command = space < 0 ? statement : statement[..space];
        var rest = space < 0 ? string.Empty : statement[(space + 1)..].Trim();
        switch (command)
        {
            case "echo":
                return null;
            case "eval":
                {
                    var eq = rest.IndexOf('=', StringComparison.Ordinal);
                    var name = rest[..eq].Trim();
                    _variables[name] = Evaluate(rest[(eq + 1)..]);
                    return null;
                }

            case "same":
            case "diff":
                {
                    var (left, right) = TwoExpressions(rest);
                    var a = Evaluate(left);
                    var b = Evaluate(right);
                    var same = ValueComparer.Same(a, b);
                    var passed = command == "same" ? same : !same;
                    return new Outcome(line, statement, passed, Unparser.Unparse(a) + (same ? " same as " : " differs from ") + Unparser.Unparse(b));
                }

            case "writexml":
                {
                    var sp = rest.IndexOf(' ', StringComparison.Ordinal);
                    var file = rest[..sp];
                    var list = Evaluate(rest[(sp + 1)..]);
                    var ads = new List<ClassAd>();
                    for (var k = 0; k < list.AsList.Count; k++)
                    {
                        ads.Add(Evaluator.Evaluate(list.AsList.Items[k], list.AsList.Scope, null).AsClassAd);
                    }

                    File.WriteAllText(Path.Combine(_workDir, file), XmlAdFormat.WriteMany(ads), Encoding.UTF8);
                    return null;
                }

            case "readxml":
                {
                    var parts = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    var ads = XmlAdFormat.ReadMany(File.ReadAllText(Path.Combine(_workDir, parts[1])));
                    _variables[parts[0]] = Value.FromList(new ClassAdList(ads.Select(ad => (Expr)new AdExpr(ad)).ToArray()));
                    return null;
                }

            default:
                throw new InvalidDataException("line " + line + ": unknown command " + command);
        }
    }

    private (string Left, string Right) TwoExpressions(string text)
    {
        var substituted = Substitute(text);
        var parser = new Parser(substituted);
        parser.ParseFullExpression();
        var comma = parser.Current;
        if (comma.Kind != TokenKind.Comma)
        {
            throw new InvalidDataException("expected two expressions separated by ',' in: " + text);
        }

        var left = substituted[..comma.Offset];
        var rightParser = new Parser(substituted, null, comma.Offset + 1);
        rightParser.ParseFullExpression();
        var end = rightParser.Current.Kind == TokenKind.EndOfInput ? substituted.Length : rightParser.Current.Offset;
        return (left, substituted[(comma.Offset + 1)..end]);
    }

    private Value Evaluate(string text)
    {
        var expr = Parser.ParseExpression(Substitute(text).TrimEnd().TrimEnd(';'));
        return Evaluator.Evaluate(expr, null, null);
    }

    private string Substitute(string text)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '$' && i + 1 < text.Length && (char.IsAsciiLetter(text[i + 1]) || text[i + 1] == '_'))
            {
                var j = i + 1;
                while (j < text.Length && (char.IsAsciiLetterOrDigit(text[j]) || text[j] == '_'))
                {
                    j++;
                }

                var name = text[(i + 1)..j];
                if (!_variables.TryGetValue(name, out var value))
                {
                    throw new InvalidDataException("undefined script variable $" + name);
                }

                sb.Append(Unparser.Unparse(value));
                i = j - 1;
            }
            else
            {
                sb.Append(text[i]);
            }
        }

        return sb.ToString();
    }
}
