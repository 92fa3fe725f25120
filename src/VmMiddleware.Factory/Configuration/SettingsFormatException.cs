using VmMiddleware.WorkUnits;

namespace VmMiddleware.Factory.Configuration;

/// <summary>A configuration file or grid-mapfile is invalid; the message reads "file(line L, column C): what is wrong".</summary>
public sealed class SettingsFormatException : SourceFormatException
{
    /// <summary>Initializes an exception with a generic message.</summary>
    public SettingsFormatException()
        : base("The configuration is not valid.")
    {
    }

    /// <summary>Initializes an exception with no position.</summary>
    public SettingsFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes an exception with no position that wraps <paramref name="innerException"/>.</summary>
    public SettingsFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes an exception naming the file, the position and what is wrong.</summary>
    public SettingsFormatException(string source, int line, int column, string detail, Exception? innerException = null)
        : base(source, line, column, detail, innerException)
    {
    }
}
