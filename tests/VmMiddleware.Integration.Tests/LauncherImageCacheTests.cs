using VmMiddleware.Integration.Tests.Support;
using VmMiddleware.Qemu.Cache;
using VmMiddleware.Qemu.Launch;
using VmMiddleware.WorkUnits;

namespace VmMiddleware.Integration.Tests;

/// <summary>A root-filesystem work unit whose ext4 image goes through the execute-side image cache: added once, leased while QEMU runs, reused by the next run.</summary>
[TestClass]
[TestCategory("Integration")]
public sealed class LauncherImageCacheTests
{
    [TestMethod]
    public async Task Run_RootFilesystemImageTwice_SecondRunReusesCachedObjectLeasedDuringRun()
    {
        using var dir = new TempDir();
        var image = await MakeExt4ImageAsync(dir.Path);
        var unit = RootUnit(image, sha256: null);
        var cacheRoot = Path.Combine(QemuEnvironment.CacheRoot, "images");
        var first = QemuEnvironment.NewWorkDirectory("rootfs1");
        var second = QemuEnvironment.NewWorkDirectory("rootfs2");
        var inUseDuringRun = new List<bool>();
        var messages = new List<string>();
        var cache = await ImageCache.OpenAsync(cacheRoot, ImageCache.DefaultCapBytes, TimeProvider.System);
        string? id = null;
        void Watch(string line)
        {
            lock (messages)
            {
                messages.Add(line);
                if (line.Contains("command started", StringComparison.Ordinal) && id is not null)
                {
                    inUseDuringRun.Add(cache.Find(id)!.InUse);
                }
                else if (line.Contains("image sha256:", StringComparison.Ordinal))
                {
                    id = line[line.IndexOf("sha256:", StringComparison.Ordinal)..].Split(' ')[0];
                }
            }
        }

        try
        {
            var one = await QemuEnvironment.RunAsync(unit, first, Watch);
            var objectAfterFirst = new FileInfo(cache.Find(one.ImageId!)!.Path);
            var entriesAfterFirst = cache.List().Count;
            var two = await QemuEnvironment.RunAsync(unit, second, Watch);

            foreach (var (result, work) in new[] { (one, first), (two, second) })
            {
                Assert.AreEqual(LaunchOutcome.Succeeded, result.Outcome, result.Reason + "\n" + result.ConsoleTail);
                Assert.AreEqual("from the image: vmgrid-test-rootfs\n", File.ReadAllText(Path.Combine(work, "out", "stdout")));
                Assert.AreEqual("42\n", File.ReadAllText(Path.Combine(work, "out", "answer.txt")));
            }

            Assert.AreEqual(one.ImageId, two.ImageId);
            Assert.AreEqual(1, messages.Count(m => m.Contains($"image {one.ImageId} added to the image cache", StringComparison.Ordinal)), string.Join('\n', messages));
            Assert.AreEqual(1, messages.Count(m => m.Contains($"image {one.ImageId} found in the image cache", StringComparison.Ordinal)), string.Join('\n', messages));
            CollectionAssert.AreEqual(new[] { true, true }, inUseDuringRun, "the cache entry is leased while QEMU runs");
            var entry = cache.Find(one.ImageId!)!;
            Assert.IsFalse(entry.InUse, "the lease is released when the run ends");
            Assert.AreEqual(entriesAfterFirst, cache.List().Count, "the second run added nothing");
            Assert.AreEqual(objectAfterFirst.LastWriteTimeUtc, new FileInfo(entry.Path).LastWriteTimeUtc, "the second run used the same object");
        }
        finally
        {
            if (id is not null)
            {
                cache.Evict(id);
            }
        }
    }

    [TestMethod]
    public async Task Run_Qcow2LayerOverExt4Base_ChainCachedAndPassedExplicitly()
    {
        using var dir = new TempDir();
        var baseImage = await MakeExt4ImageAsync(dir.Path);
        var layer = Path.Combine(dir.Path, "layer.qcow2");
        var made = await ToolRun.RunAsync(RequiredTool.Find("qemu-img"), ["create", "-q", "-f", "qcow2", "-b", "root.img", "-F", "raw", layer], inheritEnvironment: true);
        Assert.AreEqual(0, made.ExitCode, made.ToString());
        var unit = RootUnit(baseImage, null) with { Image = new ImageSpec(ImageKind.RootFilesystem, ImageLocation.FromHostPath(layer)) };
        var work = QemuEnvironment.NewWorkDirectory("rootfs-layer");
        var messages = new List<string>();
        var cache = await ImageCache.OpenAsync(Path.Combine(QemuEnvironment.CacheRoot, "images"), ImageCache.DefaultCapBytes, TimeProvider.System);
        var baseId = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(baseImage)));
        try
        {
            var result = await QemuEnvironment.RunAsync(unit, work, m => { lock (messages) { messages.Add(m); } });

            Assert.AreEqual(LaunchOutcome.Succeeded, result.Outcome, result.Reason + "\n" + result.ConsoleTail);
            Assert.AreEqual("42\n", File.ReadAllText(Path.Combine(work, "out", "answer.txt")));
            Assert.IsTrue(messages.Any(m => m.Contains($"image {result.ImageId} added to the image cache (2 layers)", StringComparison.Ordinal)), string.Join('\n', messages));
            Assert.AreEqual(baseId, cache.Find(result.ImageId!)!.Backing);
        }
        finally
        {
            cache.Evict(baseId);
        }
    }

    [TestMethod]
    public async Task Run_RootFilesystemWithWrongSha256_RefusedBeforeQemuStarts()
    {
        using var dir = new TempDir();
        var image = await MakeExt4ImageAsync(dir.Path);
        var wrong = new string('0', 64);
        var work = QemuEnvironment.NewWorkDirectory("rootfs-bad-sha");

        var e = await Assert.ThrowsExactlyAsync<LaunchException>(() => QemuEnvironment.RunAsync(RootUnit(image, wrong), work));

        StringAssert.Contains(e.Message, $"has SHA-256 {Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(image)))}, but the work unit expects {wrong}");
        Assert.IsFalse(File.Exists(Path.Combine(work, "console.log")), "QEMU never started");
    }

    private static WorkUnit RootUnit(string image, string? sha256) => new()
    {
        Name = "rootfs",
        Image = new ImageSpec(ImageKind.RootFilesystem, ImageLocation.FromHostPath(image), ImageFormat.Raw, sha256),
        Command = new GuestCommand { Executable = "/opt/job/run.sh" },
        Limits = Limits.Default,
    };

    /// <summary>A 16 MiB ext4 image made with mke2fs -d from a tree holding a static busybox (/bin/sh, /bin/env, ...) and the job's script.</summary>
    private static async Task<string> MakeExt4ImageAsync(string dir)
    {
        var tree = Path.Combine(dir, "tree");
        foreach (var sub in new[] { "bin", "etc", "opt/job", "work" })
        {
            Directory.CreateDirectory(Path.Combine(tree, sub));
        }

        File.Copy(RequiredTool.Find("busybox"), Path.Combine(tree, "bin", "busybox"));
        foreach (var applet in new[] { "sh", "env", "cat", "echo" })
        {
            File.CreateSymbolicLink(Path.Combine(tree, "bin", applet), "busybox");
        }

        await File.WriteAllTextAsync(Path.Combine(tree, "etc", "image-name"), "vmgrid-test-rootfs\n");
        var script = Path.Combine(tree, "opt", "job", "run.sh");
        await File.WriteAllTextAsync(script, "#!/bin/sh\necho \"from the image: $(cat /etc/image-name)\"\necho 42 > out/answer.txt\n");
        File.SetUnixFileMode(script, (UnixFileMode)Convert.ToInt32("755", 8));
        var image = Path.Combine(dir, "root.img");
        var made = await ToolRun.RunAsync(RequiredTool.Find("mke2fs"), ["-q", "-t", "ext4", "-d", tree, "-F", image, "16M"], inheritEnvironment: true);
        Assert.AreEqual(0, made.ExitCode, made.ToString());
        return image;
    }
}
