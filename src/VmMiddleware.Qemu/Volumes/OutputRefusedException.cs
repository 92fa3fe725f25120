namespace VmMiddleware.Qemu.Volumes;

/// <summary>The guest's output volume holds something the host refuses to extract; the message names the entry and the rule it breaks.</summary>
public sealed class OutputRefusedException : Exception
{
    /// <summary>Initializes the exception with no message.</summary>
    public OutputRefusedException()
    {
    }

    /// <summary>Initializes the exception with a message.</summary>
    public OutputRefusedException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes the exception with a message and its cause.</summary>
    public OutputRefusedException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Initializes the exception for one refused tar entry.</summary>
    public OutputRefusedException(string entryName, string rule)
        : base($"output entry '{entryName}' refused: {rule}")
    {
        EntryName = entryName;
    }

    /// <summary>Gets the name of the refused tar entry, or null when the volume as a whole was refused.</summary>
    public string? EntryName { get; }

    /// <summary>Gets whether nothing after this entry can be read (its data is cut short).</summary>
    internal bool EndsArchive { get; init; }
}
