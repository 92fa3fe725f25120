using VmMiddleware.Host.Processes;

namespace VmMiddleware.Integration.Tests.Images;

/// <summary>Real tools for the factory's integration tests.</summary>
internal static class ImageTools
{
    public static ProcessResult Run(string tool, params string[] args) =>
        ProcessRunner.Instance.RunAsync(RequiredTool.Find(tool), args).GetAwaiter().GetResult();

    /// <summary>A raw disk of <paramref name="megabytes"/> MiB whose first MiB holds a pattern.</summary>
    public static string RawDisk(string directory, int megabytes)
    {
        var path = Path.Combine(directory, "base.raw");
        Run("qemu-img", "create", "-q", "-f", "raw", path, megabytes + "M").EnsureSuccess();
        Run("qemu-io", "-f", "raw", "-c", "write -P 0x5a 0 1M", path).EnsureSuccess();
        return path;
    }
}
