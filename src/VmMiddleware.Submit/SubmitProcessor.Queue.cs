using VmMiddleware.ClassAds.Syntax;

namespace VmMiddleware.Submit;

/// <summary>Queue statements: the item list, cluster and process numbering and each job's expanded commands.</summary>
internal sealed partial class SubmitProcessor
{
    private void QueueImplicitly(string file, int line)
    {
        try
        {
            Queue(string.Empty, new LineReader(string.Empty), file, line);
        }
        catch (StatementException e)
        {
            throw new SubmitFileException(file, line, e.Message, e);
        }
    }

    private void Queue(string arguments, LineReader reader, string file, int line)
    {
        sawQueue = true;
        var plan = QueueParser.Parse(expander.Expand(arguments), reader, line, baseDirectory);
        var items = plan.Items ?? [(0, string.Empty)];
        var total = (long)items.Count * plan.Count;
        if (total == 0)
        {
            return;
        }

        if (jobCount + total > options.MaxJobs)
        {
            throw new StatementException($"queue would make {jobCount + total} jobs; at most {options.MaxJobs} are allowed");
        }

        if (jobCount > 0 && executableChanged)
        {
            // condor_submit starts a new cluster when the executable is set again after a queue statement.
            cluster++;
            nextProc = 0;
        }

        executableChanged = false;
        foreach (var (index, item) in items)
        {
            overlay.Clear();
            var values = SplitItem(item, Math.Max(1, plan.Variables.Count));
            for (var v = 0; v < plan.Variables.Count; v++)
            {
                overlay[plan.Variables[v]] = values[v];
            }

            for (var step = 0; step < plan.Count; step++)
            {
                SetJobScope(nextProc, step, index, plan.Items is not null && plan.Variables.Count == 0 ? item : string.Empty);
                var job = BuildJob(plan, step, index, item, file, line);
                nextProc++;
                jobCount++;
                sink(job);
            }
        }

        overlay.Clear();
        SetJobScope(nextProc, step: 0, itemIndex: 0, item: string.Empty);
    }

    private SubmitJob BuildJob(QueuePlan plan, int step, int index, string item, string file, int line)
    {
        var commands = new List<SubmitCommand>();
        foreach (var definition in macros.Definitions)
        {
            if (overlay.TryGetValue(definition.Key, out var itemValue))
            {
                commands.Add(new SubmitCommand(definition.Key, itemValue, file, line));
                continue;
            }

            string value;
            try
            {
                value = expander.Expand(definition.Raw).Trim();
            }
            catch (StatementException e)
            {
                throw new SubmitFileException(definition.File, definition.Line, e.Message, e);
            }

            var command = new SubmitCommand(definition.Key, value, definition.File, definition.Line);
            CheckJobAttribute(command);
            commands.Add(command);
        }

        foreach (var variable in plan.Variables.Where(v => !macros.IsDefinedByFile(v)))
        {
            commands.Add(new SubmitCommand(variable, overlay[variable], file, line));
        }

        return new SubmitJob
        {
            ClusterId = int.Parse(live["ClusterId"], System.Globalization.CultureInfo.InvariantCulture),
            ProcId = nextProc,
            Step = step,
            ItemIndex = index,
            Item = plan.Items is null ? null : item,
            File = file,
            QueueLine = line,
            Commands = commands,
        };
    }

    /// <summary>Checks that a +Name value is ClassAd expression text, as condor_submit does before it puts it in the job ad.</summary>
    private static void CheckJobAttribute(SubmitCommand command)
    {
        if (!command.IsJobAttribute || command.Value.Contains("$$(", StringComparison.Ordinal))
        {
            return;
        }

        try
        {
            ExpressionParser.Parse(command.Value);
        }
        catch (ClassAdParseException e)
        {
            throw new SubmitFileException(command.File, command.Line,
                $"the value of {command.Key} is not a ClassAd expression: column {e.Column}: {e.Problem}", e);
        }
    }

    /// <summary>Splits an item into one value per variable: on commas and/or white space, the last variable taking the rest of the line.</summary>
    private static string[] SplitItem(string item, int count)
    {
        var values = new string[count];
        var rest = item.Trim();
        for (var i = 0; i < count - 1; i++)
        {
            var end = rest.AsSpan().IndexOfAny(" \t,");
            if (end < 0)
            {
                values[i] = rest;
                rest = string.Empty;
                continue;
            }

            values[i] = rest[..end];
            rest = rest[end..].TrimStart();
            if (rest.StartsWith(','))
            {
                rest = rest[1..].TrimStart();
            }
        }

        values[count - 1] = rest;
        return values;
    }
}
