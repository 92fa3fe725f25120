namespace VmMiddleware.Qemu;

/// <summary>Well-known locations shared by the launcher, the image cache and the QEMU bundle.</summary>
public static class QemuPaths
{
    /// <summary>Gets the per-user cache root: $VMMIDDLEWARE_CACHE, else $XDG_CACHE_HOME/vmmiddleware, else ~/.cache/vmmiddleware.</summary>
    public static string CacheRoot
    {
        get
        {
            var explicitRoot = Environment.GetEnvironmentVariable("VMMIDDLEWARE_CACHE");
            if (!string.IsNullOrEmpty(explicitRoot))
            {
                return explicitRoot;
            }

            var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            var baseDir = !string.IsNullOrEmpty(xdg) ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            return Path.Combine(baseDir, "vmmiddleware");
        }
    }
}
