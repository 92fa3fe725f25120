using System.Runtime.Versioning;
using VmMiddleware.Host.DiskImages;
using VmMiddleware.Host.Processes;
using VmMiddleware.Integration.Tests.Support;
using VmMiddleware.Qemu.Cache;

namespace VmMiddleware.Integration.Tests.Cache;

/// <summary>The image cache shared by real concurrent processes, killed mid-insert, and fed real qcow2 layers.</summary>
[TestClass]
[TestCategory("Integration")]
[SupportedOSPlatform("linux")]
public sealed class ImageCacheProcessTests
{
    [TestMethod]
    public async Task Add_ThreeProcessesAndFourTasksSameImage_OneObjectAndAllGetIt()
    {
        using var dir = new TempDir();
        var source = Path.Combine(dir.Path, "image.raw");
        var bytes = new byte[48 << 20];
        new Random(7).NextBytes(bytes);
        await File.WriteAllBytesAsync(source, bytes);
        var root = Path.Combine(dir.Path, "cache");
        var dotnet = RequiredTool.Find("dotnet");

        var processes = Enumerable.Range(0, 3)
            .Select(_ => ToolRun.RunAsync(dotnet, [RepoPaths.VmgridDll, "cache", "images", "add", source, "--root", root, "--json"], inheritEnvironment: true))
            .ToList();
        var tasks = Enumerable.Range(0, 4)
            .Select(_ => Task.Run(async () => await (await ImageCache.OpenAsync(root, 1L << 30, TimeProvider.System, QemuEnvironment.QemuImg)).AddAsync(source, null, CancellationToken.None)))
            .ToList();
        var results = await Task.WhenAll(processes);
        var entries = await Task.WhenAll(tasks);

        var id = entries[0].Id;
        Assert.IsTrue(entries.All(e => e.Id == id));
        foreach (var result in results)
        {
            Assert.AreEqual(0, result.ExitCode, result.ToString());
            StringAssert.Contains(result.Stdout, id, result.ToString());
        }

        Assert.HasCount(1, Directory.GetFiles(Path.Combine(root, "objects"), "*", SearchOption.AllDirectories));
        Assert.IsEmpty(Directory.GetFiles(Path.Combine(root, "tmp")));
        var cache = await ImageCache.OpenAsync(root, 1L << 30, TimeProvider.System);
        Assert.HasCount(1, cache.List());
        Assert.IsTrue(cache.TryGet(id, out var lease));
        using (lease)
        {
            CollectionAssert.AreEqual(bytes, await File.ReadAllBytesAsync(lease.Path));
        }
    }

    [TestMethod]
    public async Task Add_ProcessKilledWithSigkillMidInsert_NothingVisibleAndNextOpenRemovesTemp()
    {
        using var dir = new TempDir();
        var root = Path.Combine(dir.Path, "cache");
        await ImageCache.OpenAsync(root, 1L << 30, TimeProvider.System);
        var fifo = Path.Combine(dir.Path, "download.pipe");
        var made = await ToolRun.RunAsync(RequiredTool.Find("mkfifo"), [fifo], inheritEnvironment: true);
        Assert.AreEqual(0, made.ExitCode, made.ToString());

        // The inserter reads the image from a pipe that the test feeds and then holds open: it is
        // stopped for certain in the middle of its copy, with a partial temporary file on disk.
        using var inserter = ToolRun.Start(RequiredTool.Find("dotnet"), [RepoPaths.VmgridDll, "cache", "images", "add", fifo, "--root", root], inheritEnvironment: true);
        await using (var feed = new FileStream(fifo, FileMode.Open, FileAccess.Write))
        {
            await feed.WriteAsync(new byte[4 << 20]);
            await feed.FlushAsync();
            var temp = await WaitForAsync(() => Directory.GetFiles(Path.Combine(root, "tmp")).FirstOrDefault(f => new FileInfo(f).Length > 0), TimeSpan.FromSeconds(30));
            Assert.IsNotNull(temp, "the inserter never started its temporary file");

            inserter.Kill();
            await inserter.WaitForExitAsync();
            Assert.AreEqual(137, inserter.ExitCode, "killed by SIGKILL");

            Assert.IsTrue(File.Exists(temp), "the killed insert leaves its temporary file");
            Assert.IsEmpty(Directory.GetFiles(Path.Combine(root, "objects"), "*", SearchOption.AllDirectories));
            var reopened = await ImageCache.OpenAsync(root, 1L << 30, TimeProvider.System);
            Assert.AreEqual(1, reopened.Recovery.TempFilesRemoved);
            Assert.IsFalse(File.Exists(temp));
            Assert.IsEmpty(reopened.List());
        }
    }

    [TestMethod]
    public async Task Add_RealQcow2Layer_RecordsBackingFromQemuImgAndEvictsWithBase()
    {
        using var dir = new TempDir();
        var qemuImg = RequiredTool.Find("qemu-img");
        var basePath = Path.Combine(dir.Path, "base.raw");
        await File.WriteAllBytesAsync(basePath, new byte[1 << 20]);
        var layer = await ToolRun.RunAsync(qemuImg, ["create", "-q", "-f", "qcow2", "-b", "base.raw", "-F", "raw", Path.Combine(dir.Path, "top.qcow2")], inheritEnvironment: true);
        Assert.AreEqual(0, layer.ExitCode, layer.ToString());
        var cache = await ImageCache.OpenAsync(Path.Combine(dir.Path, "cache"), 1L << 30, TimeProvider.System, new QemuImg(ProcessRunner.Default, new QemuImgOptions(qemuImg)));

        var baseEntry = await cache.AddAsync(basePath, null, CancellationToken.None);
        var top = await cache.AddAsync(Path.Combine(dir.Path, "top.qcow2"), null, CancellationToken.None);

        Assert.AreEqual(baseEntry.Id, top.Backing);
        Assert.IsTrue(cache.TryGet(top.Id, out var lease));
        using (lease)
        {
            CollectionAssert.AreEqual(new[] { top.Id, baseEntry.Id }, lease.Chain.Select(e => e.Id).ToArray());
            Assert.IsEmpty(cache.Trim(0));
        }

        CollectionAssert.AreEqual(new[] { top.Id, baseEntry.Id }, cache.Evict(baseEntry.Id).ToArray());
    }

    private static async Task<string?> WaitForAsync(Func<string?> probe, TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < until)
        {
            if (probe() is { } found)
            {
                return found;
            }

            await Task.Delay(20);
        }

        return null;
    }
}
