namespace VmMiddleware.Submit.Transforms;

/// <summary>A transform's rules are malformed, or a statement fails on an ad; the message reads "rules(line N): cause".</summary>
public sealed class TransformException : Exception
{
    /// <summary>Initializes an exception with a generic message.</summary>
    public TransformException()
        : this("The transform is not valid.")
    {
    }

    /// <summary>Initializes an exception with a message.</summary>
    public TransformException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes an exception with a message and its cause.</summary>
    public TransformException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes an exception that names the rules' source and line.</summary>
    /// <param name="source">The name of the rules (a file, or JOB_TRANSFORM_NAME).</param>
    /// <param name="line">The 1-based line of the statement.</param>
    /// <param name="detail">What is wrong.</param>
    public TransformException(string source, int line, string detail)
        : base($"{source}(line {line}): {detail}")
    {
    }
}
