using System.Text;

namespace VmMiddleware.Submit;

/// <summary>Expands $(name), $(name:default), $ENV(...), $F...(...) and the other macro functions of the submit language; $$(...) is kept for the execute side.</summary>
internal sealed partial class MacroExpander
{
    private const int MaxDepth = 64;

    private readonly Func<string, string?> lookup;
    private readonly MacroContext context;
    private readonly ExpansionBudget budget;
    private readonly List<string> expanding = [];
    private int active;

    /// <summary>Initializes an expander over a macro lookup.</summary>
    /// <param name="lookup">Returns a macro's unexpanded value, or null when it is not defined.</param>
    /// <param name="context">The environment, randomness and base directory of macro functions.</param>
    /// <param name="budget">How many characters and macro references one expansion may take.</param>
    public MacroExpander(Func<string, string?> lookup, MacroContext context, ExpansionBudget budget)
    {
        this.lookup = lookup;
        this.context = context;
        this.budget = budget;
    }

    /// <summary>Expands every macro in <paramref name="text"/>; throws <see cref="StatementException"/> when a function fails, a macro refers to itself or the expansion outgrows its budget.</summary>
    public string Expand(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Contains('$', StringComparison.Ordinal))
        {
            return text;
        }

        if (active++ == 0)
        {
            // Each outermost expansion (one command's value, one queue line, ...) gets the whole budget.
            budget.Reset();
        }

        try
        {
            return ExpandAll(text);
        }
        finally
        {
            active--;
        }
    }

    private string ExpandAll(string text)
    {
        var output = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var dollar = text.IndexOf('$', i);
            if (dollar < 0)
            {
                Append(output, text.AsSpan(i));
                break;
            }

            Append(output, text.AsSpan(i, dollar - i));
            i = ExpandAt(text, dollar, output);
        }

        return output.ToString();
    }

    /// <summary>Appends to an expansion's output, charging the characters to the budget before they are copied.</summary>
    private void Append(StringBuilder output, ReadOnlySpan<char> text)
    {
        budget.Charge(text.Length, expanding);
        output.Append(text);
    }

    /// <summary>Returns the unexpanded value of <paramref name="name"/>, or null.</summary>
    private string? Lookup(string name) => lookup(name);

    /// <summary>Looks up <paramref name="name"/> and expands its value, guarding against self reference.</summary>
    private string? LookupExpanded(string name)
    {
        var raw = Lookup(name);
        if (raw is null)
        {
            return null;
        }

        if (expanding.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            throw new StatementException($"macro '{name}' is defined in terms of itself ({string.Join(" -> ", expanding)} -> {name})");
        }

        if (expanding.Count >= MaxDepth)
        {
            throw new StatementException($"macro '{name}' nests more than {MaxDepth} levels deep");
        }

        expanding.Add(name);
        try
        {
            budget.CountReference(expanding);
            return Expand(raw);
        }
        finally
        {
            expanding.RemoveAt(expanding.Count - 1);
        }
    }

    /// <summary>Expands the macro starting at the '$' at <paramref name="at"/> into <paramref name="output"/> and returns the index after it.</summary>
    private int ExpandAt(string text, int at, StringBuilder output)
    {
        if (at + 2 < text.Length && text[at + 1] == '$' && text[at + 2] == '(')
        {
            // $$(attr) and $$([expr]) are substituted by the execute side after matching: keep them, but expand macros inside.
            Append(output, "$$(");
            return at + 3;
        }

        var nameEnd = at + 1;
        while (nameEnd < text.Length && (char.IsAsciiLetterOrDigit(text[nameEnd]) || text[nameEnd] == '_'))
        {
            nameEnd++;
        }

        if (nameEnd >= text.Length || text[nameEnd] != '(')
        {
            Append(output, "$");
            return at + 1;
        }

        var close = FindClose(text, nameEnd);
        if (close < 0)
        {
            Append(output, "$");
            return at + 1;
        }

        var function = text[(at + 1)..nameEnd];
        var body = text[(nameEnd + 1)..close];
        var value = function.Length == 0 ? ExpandReference(body) : CallFunction(function, body);
        Append(output, value is null ? text.AsSpan(at, close + 1 - at) : value);

        return close + 1;
    }

    /// <summary>Expands the body of $(name) or $(name:default); returns null when the body is not a macro reference.</summary>
    private string? ExpandReference(string body)
    {
        var colon = body.IndexOf(':', StringComparison.Ordinal);
        var name = colon < 0 ? body : body[..colon];
        if (name.Contains('$', StringComparison.Ordinal))
        {
            name = Expand(name);
        }

        name = name.Trim();
        if (!IsMacroName(name))
        {
            return null;
        }

        var value = LookupExpanded(name);
        return string.IsNullOrEmpty(value) && colon >= 0 ? Expand(body[(colon + 1)..]) : value ?? string.Empty;
    }

    /// <summary>Returns whether <paramref name="name"/> can name a macro: letters, digits, '_', '.' and a leading '+'.</summary>
    internal static bool IsMacroName(string name) =>
        name.Length > 0 && name.AsSpan(name[0] == '+' ? 1 : 0).Length > 0
        && name.AsSpan(name[0] == '+' ? 1 : 0).ContainsAnyExcept(NameChars) == false;

    private static readonly System.Buffers.SearchValues<char> NameChars =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.");

    /// <summary>Returns the index of the ')' that closes the '(' at <paramref name="open"/>, or -1.</summary>
    private static int FindClose(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            if (text[i] == '(')
            {
                depth++;
            }
            else if (text[i] == ')' && --depth == 0)
            {
                return i;
            }
        }

        return -1;
    }
}
