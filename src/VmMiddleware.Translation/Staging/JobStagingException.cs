namespace VmMiddleware.Translation.Staging;

/// <summary>A job cannot be read or staged: its file is missing or malformed or names a missing file, the output directory is taken, a translator refuses the work unit, or the shipped QEMU or guest cannot be found; the message is one line saying where and why.</summary>
public sealed class JobStagingException : Exception
{
    /// <summary>Initializes an exception with a message.</summary>
    /// <param name="message">What cannot be staged and why.</param>
    public JobStagingException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes an exception with a message and the error that caused it.</summary>
    /// <param name="message">What cannot be staged and why.</param>
    /// <param name="innerException">The reader's, translator's or locator's error.</param>
    public JobStagingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes an exception with no message.</summary>
    public JobStagingException()
    {
    }
}
