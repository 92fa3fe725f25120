namespace VmMiddleware.Qemu.Processes;

/// <summary>A helper program (mkfs.vfat, mcopy, qemu-img, ...) failed; the message names the program and quotes its error output.</summary>
public sealed class ToolFailedException : Exception
{
    /// <summary>Initializes the exception with no message.</summary>
    public ToolFailedException()
    {
    }

    /// <summary>Initializes the exception with a message.</summary>
    public ToolFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes the exception with a message and its cause.</summary>
    public ToolFailedException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
