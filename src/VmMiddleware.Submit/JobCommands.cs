using System.Globalization;
using System.Text.RegularExpressions;

namespace VmMiddleware.Submit;

/// <summary>Typed access to one job's commands, with errors that name the command's file and line.</summary>
internal sealed partial class JobCommands
{
    private readonly SubmitJob job;

    public JobCommands(SubmitJob job) => this.job = job;

    public SubmitJob Job => job;

    /// <summary>Returns the command, or null when the job does not set it or sets it to nothing.</summary>
    public SubmitCommand? Find(string key) => job.Find(key) is { Value.Length: > 0 } command ? command : null;

    public string? Text(string key) => Find(key)?.Value;

    /// <summary>Returns an error located at <paramref name="command"/>, or at the queue statement when it is null.</summary>
    public SubmitFileException Error(SubmitCommand? command, string detail) =>
        command is null ? new SubmitFileException(job.File, job.QueueLine, detail) : new SubmitFileException(command.File, command.Line, detail);

    /// <summary>Returns the command or throws an error saying what is missing: at the line that set it to nothing (an undefined macro), else at the queue statement.</summary>
    public SubmitCommand Require(string key, string why) => Find(key) ?? throw Missing(key, why);

    /// <summary>Returns the error for a required command that is missing: at the line that set it to nothing (an undefined macro), else at the queue statement.</summary>
    public SubmitFileException Missing(string key, string why) =>
        job.Find(key) is { } empty ? Error(empty, $"{key} is empty (an undefined macro?); {why}") : Error(null, why);

    public bool? Boolean(string key)
    {
        if (Find(key) is not { } command)
        {
            return null;
        }

        switch (command.Value.Trim().ToLowerInvariant())
        {
            case "true" or "yes" or "t" or "1": return true;
            case "false" or "no" or "f" or "0": return false;
        }

        return MacroExpander.TryEvaluate(command.Value, out var value) && value.TryGetTruth(out var truth)
            ? truth
            : throw Error(command, $"{command.Key} = {command.Value} is not true or false");
    }

    /// <summary>Reads a positive whole number (a ClassAd expression is evaluated).</summary>
    public int? PositiveInteger(string key, string unit)
    {
        if (Find(key) is not { } command)
        {
            return null;
        }

        return MacroExpander.TryEvaluateInteger(command.Value, out var number) && number is > 0 and <= int.MaxValue
            ? (int)number
            : throw Error(command, $"{command.Key} = {command.Value} is not a positive whole number{unit}");
    }

    /// <summary>Reads a quantity such as 512, 2G or 1.5 GB into MiB (rounded up); plain numbers are in <paramref name="plainShift"/> units (10 = KiB, 20 = MiB).</summary>
    public int? Mebibytes(string key, int plainShift)
    {
        if (Find(key) is not { } command)
        {
            return null;
        }

        var match = Quantity().Match(command.Value.Trim());
        if (!match.Success || !double.TryParse(match.Groups["number"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || number <= 0)
        {
            throw Error(command, $"{command.Key} = {command.Value} is not a quantity; expected a number with an optional unit K, M, G or T (KB, MB, GB, TB)");
        }

        var shift = char.ToUpperInvariant(match.Groups["unit"].Value.FirstOrDefault()) switch
        {
            'K' => 10,
            'M' => 20,
            'G' => 30,
            'T' => 40,
            _ => plainShift,
        };
        var mebibytes = Math.Ceiling(number * Math.Pow(2, shift - 20));
        return mebibytes <= int.MaxValue
            ? (int)mebibytes
            : throw Error(command, $"{command.Key} = {command.Value} is too large");
    }

    /// <summary>Splits a comma separated list (white space around items is dropped).</summary>
    public static IReadOnlyList<string> List(string value) =>
        value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    [GeneratedRegex(@"^(?<number>\d+(?:\.\d+)?)\s*(?<unit>[KMGTkmgt][Bb]?)?$")]
    private static partial Regex Quantity();
}
