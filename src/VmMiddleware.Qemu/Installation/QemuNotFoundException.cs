namespace VmMiddleware.Qemu.Installation;

/// <summary>No usable QEMU: the named bundle or binary is missing or broken, or none is installed; the message says which.</summary>
public sealed class QemuNotFoundException : Exception
{
    /// <summary>Initializes the exception with a generic message.</summary>
    public QemuNotFoundException()
        : base("No QEMU.")
    {
    }

    /// <summary>Initializes the exception with a message.</summary>
    /// <param name="message">What is missing and where it was looked for.</param>
    public QemuNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes the exception with a message and its cause.</summary>
    /// <param name="message">What is missing and where it was looked for.</param>
    /// <param name="innerException">The cause.</param>
    public QemuNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
