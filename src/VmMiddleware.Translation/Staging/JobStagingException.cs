namespace VmMiddleware.Translation.Staging;

/// <summary>A job cannot be staged: the output directory is taken, or a translator refuses the work unit; the message says what and why.</summary>
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
    /// <param name="innerException">The translator's error.</param>
    public JobStagingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes an exception with no message.</summary>
    public JobStagingException()
    {
    }
}
