using System.Globalization;
using System.Text.RegularExpressions;

namespace VmMiddleware.Submit;

/// <summary>Reads submit statements in order — assignments, if/elif/else/endif, include, error/warning and queue — and hands each queued job to a sink as it is made.</summary>
internal sealed partial class SubmitProcessor
{
    private readonly SubmitOptions options;
    private readonly string baseDirectory;
    private readonly MacroTable macros;
    private readonly MacroExpander expander;
    private readonly Dictionary<string, string> live = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> overlay = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> automatic = new(StringComparer.OrdinalIgnoreCase);
    private readonly Action<SubmitJob> sink;
    private readonly List<string> warnings = [];
    private bool sawQueue;
    private bool executableChanged;
    private int cluster;
    private int nextProc;
    private long jobCount;

    public SubmitProcessor(SubmitOptions options, string baseDirectory, string? submitFilePath, Action<SubmitJob> sink)
    {
        this.options = options;
        this.sink = sink;
        this.baseDirectory = baseDirectory;
        cluster = options.ClusterId;
        macros = new MacroTable(options.MaxValueChars);
        foreach (var (name, value) in SubmitOptions.MachineMacros())
        {
            macros.Predefine(name, value);
        }

        macros.Predefine("DOLLAR", "$");
        macros.Predefine("SUBMIT_FILE", submitFilePath ?? string.Empty);
        foreach (var (name, value) in options.Variables)
        {
            macros.Predefine(name, value);
        }

        var random = options.RandomSeed is { } seed ? new Random(seed) : new Random();
        expander = new MacroExpander(
            Lookup, new MacroContext(options.Environment, random, baseDirectory), new ExpansionBudget(options.MaxValueChars, options.MaxMacroReferences));
        SetJobScope(nextProc, step: 0, itemIndex: 0, item: string.Empty);
    }

    /// <summary>Reads the whole description, handing each job to the sink in queue order, and returns what it saw.</summary>
    public SubmitSummary Run(string text, string file)
    {
        var reader = new LineReader(text);
        Process(reader, file, baseDirectory, depth: 0);
        if (!sawQueue)
        {
            // condor_submit (ENABLE_SUBMIT_FROM_TABLE, the default since 23.x) queues one job for a file without a
            // queue statement, as if it ended in a bare "queue"; the job is placed at the file's last line.
            QueueImplicitly(file, Math.Max(1, reader.LastLine));
            sawQueue = false;
        }

        return new SubmitSummary { File = file, JobCount = jobCount, HasQueueStatement = sawQueue, Warnings = warnings };
    }

    private string? Lookup(string name) =>
        live.TryGetValue(name, out var value) ? value
        : overlay.TryGetValue(name, out value) ? value
        : macros.Lookup(name) ?? (automatic.TryGetValue(name, out value) ? value : null);

    private void SetJobScope(int proc, int step, int itemIndex, string item)
    {
        var clusterText = cluster.ToString(CultureInfo.InvariantCulture);
        var procText = proc.ToString(CultureInfo.InvariantCulture);
        live["Cluster"] = live["ClusterId"] = clusterText;
        live["Process"] = live["ProcId"] = procText;
        automatic["Step"] = step.ToString(CultureInfo.InvariantCulture);
        automatic["ItemIndex"] = automatic["Row"] = itemIndex.ToString(CultureInfo.InvariantCulture);
        automatic["Item"] = item;
        var universe = macros.Lookup("universe");
        automatic["Node"] = universe is not null && expander is not null
            && expander.Expand(universe).Trim().Equals("parallel", StringComparison.OrdinalIgnoreCase) ? "#pArAlLeLnOdE#" : string.Empty;
    }

    private void Process(LineReader reader, string file, string directory, int depth)
    {
        var ifs = new IfStack();
        while (reader.ReadStatement() is { } statement)
        {
            var (text, line) = (statement.Text, statement.Line);
            try
            {
                if (TryConditional(ifs, text, line))
                {
                    continue;
                }

                if (!ifs.Enabled)
                {
                    SkipMultiLine(text, reader);
                }
                else if (IsWord(text, "queue"))
                {
                    Queue(text[5..], reader, file, line);
                }
                else if (!TryKeywordStatement(text, file, line, directory, depth))
                {
                    Assign(text, reader, file, line);
                }
            }
            catch (StatementException e)
            {
                throw new SubmitFileException(file, line, e.Message, e);
            }
        }

        if (ifs.OpenLine > 0)
        {
            throw new SubmitFileException(file, ifs.OpenLine, "if without matching endif");
        }
    }

    private bool TryConditional(IfStack ifs, string text, int line)
    {
        string? error;
        if (IsWord(text, "if"))
        {
            ifs.If(ifs.Enabled && Condition(text[2..], "if"), line);
            return true;
        }

        if (IsWord(text, "elif"))
        {
            error = ifs.Elif(() => Condition(text[4..], "elif"));
        }
        else if (IsWord(text, "else"))
        {
            error = text.Length > 4 ? "else takes no condition; expected elif CONDITION or a bare else" : ifs.Else();
        }
        else if (IsWord(text, "endif"))
        {
            error = text.Length > 5 ? "endif takes no condition; expected a bare endif" : ifs.EndIf();
        }
        else
        {
            return false;
        }

        return error is null ? true : throw new StatementException(error);
    }

    private bool Condition(string condition, string keyword) =>
        ConditionEvaluator.Evaluate(condition, keyword, expander, Lookup, options.CondorVersion);

    private static bool IsWord(string text, string word) =>
        text.StartsWith(word, StringComparison.OrdinalIgnoreCase) && (text.Length == word.Length || char.IsWhiteSpace(text[word.Length]));

    private static void SkipMultiLine(string text, LineReader reader)
    {
        var open = text.IndexOf('(', StringComparison.Ordinal);
        if (IsWord(text, "queue") && open > 0 && text.IndexOf(')', open) < 0)
        {
            while (reader.ReadRaw() is { } raw && !raw.Text.TrimStart().StartsWith(')'))
            {
            }
        }
        else if (HereDoc().Match(text) is { Success: true } here)
        {
            ReadHereDoc(reader, here.Groups["key"].Value, here.Groups["tag"].Value);
        }
    }

    private static string ReadHereDoc(LineReader reader, string key, string tag)
    {
        var lines = new List<string>();
        while (true)
        {
            var raw = reader.ReadRaw()
                ?? throw new StatementException($"the multi-line value of '{key}' has no closing line '@{tag}'");
            if (raw.Text.Trim() == "@" + tag)
            {
                return string.Join('\n', lines);
            }

            lines.Add(raw.Text);
        }
    }

    [GeneratedRegex(@"^(?<key>[^=\s]+)\s*@=\s*(?<tag>\S*)\s*$")]
    private static partial Regex HereDoc();
}
