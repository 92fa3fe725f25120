using System.Text.RegularExpressions;

namespace VmMiddleware.Submit;

/// <summary>The macros of one submit description: the file's definitions in first-definition order over the predefined values.</summary>
/// <remarks>
/// Definitions stay unexpanded until a job is queued, so "foo = $(bar)" sees the latest bar at queue time (HTCondor's late binding).
/// A reference to the macro being defined is replaced at once with its current value, which is what makes
/// "foo = $(foo) snap" work (condor_submit manual, "Macros").
/// </remarks>
internal sealed partial class MacroTable
{
    /// <summary>The per-job variables condor_submit always sets, overriding any definition in the file.</summary>
    public static readonly IReadOnlySet<string> LiveNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Cluster", "ClusterId", "Process", "ProcId",
    };

    /// <summary>The per-job variables condor_submit sets unless the file defines them.</summary>
    public static readonly IReadOnlySet<string> AutomaticNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Step", "ItemIndex", "Row", "Item", "Node",
    };

    private readonly int maxValueChars;
    private readonly Dictionary<string, MacroDefinition> definitions = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> order = [];
    private readonly Dictionary<string, string> predefined = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Initializes an empty table whose values may grow to <paramref name="maxValueChars"/> characters when references to themselves are replaced.</summary>
    public MacroTable(int maxValueChars) => this.maxValueChars = maxValueChars;

    /// <summary>Gets the file's definitions in the order their keys were first set.</summary>
    public IEnumerable<MacroDefinition> Definitions => order.Select(name => definitions[name]);

    /// <summary>Sets a predefined value, which any definition in the file hides.</summary>
    public void Predefine(string name, string value) => predefined[name] = value;

    /// <summary>Returns the normalized macro name of a key: MY.Name becomes +Name.</summary>
    public static string Normalize(string key) =>
        key.StartsWith("MY.", StringComparison.OrdinalIgnoreCase) ? "+" + key[3..] : key;

    /// <summary>Defines <paramref name="key"/>, replacing references to itself with its current value.</summary>
    public void Define(string key, string raw, string file, int line)
    {
        var name = Normalize(key);
        var value = ReplaceSelfReferences(name, raw);
        if (definitions.TryGetValue(name, out var existing))
        {
            definitions[name] = existing with { Raw = value, File = file, Line = line };
        }
        else
        {
            definitions[name] = new MacroDefinition(name, value, file, line);
            order.Add(name);
        }
    }

    /// <summary>Returns whether the file has defined <paramref name="name"/>.</summary>
    public bool IsDefinedByFile(string name) => definitions.ContainsKey(Normalize(name));

    /// <summary>Looks up the unexpanded value of <paramref name="name"/> from the file's definitions, then the predefined values.</summary>
    public string? Lookup(string name)
    {
        var key = Normalize(name);
        return definitions.TryGetValue(key, out var definition) ? definition.Raw
            : predefined.TryGetValue(key, out var value) ? value
            : null;
    }

    private string ReplaceSelfReferences(string name, string raw)
    {
        if (LiveNames.Contains(name) || AutomaticNames.Contains(name) || !raw.Contains("$(", StringComparison.Ordinal))
        {
            return raw;
        }

        // "A = $(A)$(A)" forty times over doubles A each time: count the growth as it happens and stop before it fills memory.
        long length = raw.Length;
        return SelfReference().Replace(raw, match =>
        {
            if (!string.Equals(match.Groups["name"].Value, name, StringComparison.OrdinalIgnoreCase))
            {
                return match.Value;
            }

            var current = Lookup(name);
            var replacement = string.IsNullOrEmpty(current) && match.Groups["default"].Success ? match.Groups["default"].Value : current ?? string.Empty;
            length += replacement.Length - match.Length;
            return length <= maxValueChars ? replacement
                : throw new StatementException(
                    $"the value of '{name}' grows past {maxValueChars} characters when its references to itself are replaced, the most one value may expand to");
        });
    }

    [GeneratedRegex(@"(?<!\$)\$\((?<name>[A-Za-z0-9_.+]+)(?::(?<default>[^()]*))?\)")]
    private static partial Regex SelfReference();
}
