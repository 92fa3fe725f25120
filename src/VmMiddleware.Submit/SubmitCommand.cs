namespace VmMiddleware.Submit;

/// <summary>One effective submit command of a queued job: its key as first written, its fully expanded value and where it was set.</summary>
/// <param name="Key">The key as the file first wrote it (case kept); job attributes are written +Name whether the file used + or MY.</param>
/// <param name="Value">The value with every macro expanded; $$(...) references are kept for the execute side.</param>
/// <param name="File">The file that set the value (an included file, or the submit file itself).</param>
/// <param name="Line">The 1-based line that set the value, or the queue statement's line for values its item list set.</param>
public sealed record SubmitCommand(string Key, string Value, string File, int Line)
{
    /// <summary>Gets whether the command sets a job ClassAd attribute directly (+Name or MY.Name).</summary>
    public bool IsJobAttribute => Key.StartsWith('+');

    /// <summary>Gets the attribute name of a +Name command, or the key itself for other commands.</summary>
    public string Name => IsJobAttribute ? Key[1..] : Key;
}
