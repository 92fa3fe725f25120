namespace VmMiddleware.Host.Files;

/// <summary>Reads the system's error number out of an I/O exception, as .NET and this project's own P/Invokes put it in <see cref="Exception.HResult"/> on Linux.</summary>
public static class IoErrors
{
    /// <summary>ENOSPC: no space left on the device.</summary>
    public const int NoSpace = 28;

    /// <summary>Returns the errno <paramref name="e"/> carries, or 0 when it is no I/O error.</summary>
    /// <param name="e">What an I/O call threw.</param>
    public static int Errno(Exception e) => e is IOException ? e.HResult & 0xFFFF : 0;

    /// <summary>Returns whether <paramref name="e"/> is ENOSPC (no space left on the device).</summary>
    /// <param name="e">What an I/O call threw.</param>
    public static bool IsNoSpace(Exception e) => Errno(e) == NoSpace;
}
