namespace VmMiddleware.Plugins.Configuration;

/// <summary>A plugin configuration file that does not read: the message names the file, line and column, and what is wrong.</summary>
public sealed class PluginConfigurationException : FormatException
{
    /// <summary>Initializes an exception for <paramref name="file"/> at <paramref name="line"/>:<paramref name="column"/>.</summary>
    public PluginConfigurationException(string file, int line, int column, string problem)
        : base($"{file}:{line}:{column}: {problem}")
    {
    }

    /// <summary>Initializes an exception with no position.</summary>
    public PluginConfigurationException()
    {
    }

    /// <summary>Initializes an exception with a message.</summary>
    public PluginConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes an exception with a message and its cause.</summary>
    public PluginConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
