namespace VmMiddleware.Host.Processes;

/// <summary>A tool the factory runs (qemu-img, mmdebstrap, mke2fs, ...) exited with a non-zero code.</summary>
public sealed class ProcessFailedException : Exception
{
    /// <summary>Initializes an exception for the failed <paramref name="result"/>.</summary>
    public ProcessFailedException(ProcessResult result)
        : base(Describe(result))
    {
        Result = result;
    }

    /// <summary>Initializes an exception with a message only.</summary>
    public ProcessFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes an exception with a message and a cause.</summary>
    public ProcessFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes an exception with a generic message.</summary>
    public ProcessFailedException()
        : base("A process failed.")
    {
    }

    /// <summary>Gets the failed process's result, when there is one.</summary>
    public ProcessResult? Result { get; }

    private static string Describe(ProcessResult r)
    {
        var error = r.StandardError.Trim();
        if (error.Length > 2000)
        {
            error = "..." + error[^2000..];
        }

        return $"{Path.GetFileName(r.FileName)} {string.Join(' ', r.Arguments)} exited with code {r.ExitCode}" + (error.Length > 0 ? ": " + error : string.Empty);
    }
}
