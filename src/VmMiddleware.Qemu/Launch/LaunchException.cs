namespace VmMiddleware.Qemu.Launch;

/// <summary>The launch cannot start for a reason the user can fix (missing image, checksum mismatch, busy work directory, foreign checkpoint).</summary>
public sealed class LaunchException : Exception
{
    /// <summary>Initializes the exception with no message.</summary>
    public LaunchException()
    {
    }

    /// <summary>Initializes the exception with a message.</summary>
    public LaunchException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes the exception with a message and its cause.</summary>
    public LaunchException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
