using VmMiddleware.Images.Building;
using VmMiddleware.Host.Processes;
using VmMiddleware.Images.Store;

namespace VmMiddleware.Integration.Tests.Images;

/// <summary>One factory store shared by the integration tests and kept between runs, so the reference base (about a minute to build) is built once per machine.</summary>
internal static class FactoryStore
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    // "store-2": the entry files of the content store (issue 9). Checkouts still on the older format share /tmp and keep using "store";
    // opening that one here would rewrite its manifests under them.
    public static string Directory => Path.Combine(Path.GetTempPath(), "vmgrid-factory-it", "store-2");

    public static string ExamplesDirectory => Path.Combine(AppContext.BaseDirectory, "examples");

    public static async Task<ImageFactory> FactoryAsync() => new(await LayerStore.OpenAsync(Directory, QemuEnvironment.QemuImg), ProcessRunner.Default);

    /// <summary>Runs <paramref name="body"/> alone (tests in this process share loop devices and the store's base).</summary>
    public static async Task<T> ExclusiveAsync<T>(Func<Task<T>> body)
    {
        await Gate.WaitAsync();
        try
        {
            return await body();
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Flattens <paramref name="stateId"/> to a raw file and runs a debugfs request on it.</summary>
    public static async Task<string> DebugFsAsync(string stateId, string request, string scratch)
    {
        var raw = Path.Combine(scratch, stateId[..12] + ".raw");
        if (!File.Exists(raw))
        {
            await new ImageExporter(await LayerStore.OpenAsync(Directory, QemuEnvironment.QemuImg)).FlattenAsync(stateId, ExportFormat.Raw, raw);
        }

        return ImageTools.Run("debugfs", "-R", request, raw).EnsureSuccess().StandardOutput;
    }

    public static void RequireRoot()
    {
        if (Environment.UserName != "root")
        {
            throw new AssertFailedException("this test needs root (the chroot executor uses losetup and mount); integration tests never skip");
        }
    }
}
