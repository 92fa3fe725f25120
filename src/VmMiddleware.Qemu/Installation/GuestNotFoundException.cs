namespace VmMiddleware.Qemu.Installation;

/// <summary>No usable reference guest: the named directory is incomplete, none is configured or installed, or building one failed; the message says which.</summary>
public sealed class GuestNotFoundException : Exception
{
    /// <summary>Initializes the exception with a generic message.</summary>
    public GuestNotFoundException()
        : base("No reference guest.")
    {
    }

    /// <summary>Initializes the exception with a message.</summary>
    /// <param name="message">What is missing and where it was looked for.</param>
    public GuestNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes the exception with a message and its cause.</summary>
    /// <param name="message">What is missing and where it was looked for.</param>
    /// <param name="innerException">The cause.</param>
    public GuestNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
