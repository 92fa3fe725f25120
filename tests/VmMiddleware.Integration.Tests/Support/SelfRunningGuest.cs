namespace VmMiddleware.Integration.Tests.Support;

/// <summary>
/// A guest image that does its own work, as an HTCondor vm-universe job's does: the reference guest's kernel, its initramfs
/// with another /init appended, an ext4 input disk holding numbers.txt and an ext4 result disk. Its /init mounts the input
/// disk (vdb) read-only, sums the numbers onto sum.txt on the result disk (vda), and powers off; no agent, no markers.
/// </summary>
internal static class SelfRunningGuest
{
    /// <summary>The files, by the names the example submit file vm-universe-sum.sub uses.</summary>
    public static readonly string[] Files = ["vmlinux", "sum-initrd.cpio", "sum-root.img", "sum-input.img"];

    /// <summary>Writes the four files into <paramref name="directory"/>; <paramref name="pauseSeconds"/> makes the guest wait before it sums (to be evicted meanwhile).</summary>
    public static async Task WriteAsync(string directory, int pauseSeconds = 0)
    {
        var guest = QemuEnvironment.Guest;
        File.Copy(guest.Kernel, Path.Combine(directory, "vmlinux"));
        using (var initrd = File.Create(Path.Combine(directory, "sum-initrd.cpio")))
        {
            using (var reference = File.OpenRead(guest.Initramfs))
            {
                await reference.CopyToAsync(initrd);
            }

            while (initrd.Length % 4 != 0)
            {
                initrd.WriteByte(0);
            }

            initrd.Write(NewcArchive.Write(new Dictionary<string, string> { ["init"] = Init(pauseSeconds) }));
        }

        var input = Directory.CreateDirectory(Path.Combine(directory, "input-tree")).FullName;
        File.Copy(Path.Combine(QemuEnvironment.Examples, "numbers.txt"), Path.Combine(input, "numbers.txt"));
        var empty = Directory.CreateDirectory(Path.Combine(directory, "root-tree")).FullName;
        await MakeExt4Async(Path.Combine(directory, "sum-input.img"), input);
        await MakeExt4Async(Path.Combine(directory, "sum-root.img"), empty);
        Directory.Delete(input, recursive: true);
        Directory.Delete(empty, recursive: true);
    }

    /// <summary>Returns the content of <paramref name="path"/> inside the ext4 image <paramref name="image"/> (debugfs, no mounting), or null when it is not there.</summary>
    public static async Task<string?> ReadFileAsync(string image, string path)
    {
        var result = await ToolRun.RunAsync(RequiredTool.Find("debugfs"), ["-R", "cat " + path, image], timeout: TimeSpan.FromMinutes(1));
        return result.ExitCode == 0 && !result.Stderr.Contains("not found", StringComparison.Ordinal) ? result.Stdout : null;
    }

    private static async Task MakeExt4Async(string image, string tree)
    {
        var result = await ToolRun.RunAsync(RequiredTool.Find("mkfs.ext4"), ["-q", "-F", "-d", tree, "-L", Path.GetFileNameWithoutExtension(image), image, "8M"], timeout: TimeSpan.FromMinutes(1));
        Assert.AreEqual(0, result.ExitCode, "mkfs.ext4 failed: " + result);
    }

    private static string Init(int pauseSeconds) => $$"""
        #!/bin/sh
        PATH=/sbin:/bin:/usr/sbin:/usr/bin
        export PATH
        mount -t devtmpfs devtmpfs /dev
        exec </dev/console >/dev/console 2>&1
        mount -t proc proc /proc
        mount -t sysfs sysfs /sys
        echo "sum-guest: up"
        for group in virtio ext4; do
            for m in $(cat /etc/vmgrid/modules/$group); do n=${m##*/}; modprobe ${n%.ko}; done
        done
        i=0
        while [ ! -b /dev/vdb ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
        mkdir -p /in /result
        mount -t ext4 -o ro,noload /dev/vdb /in || echo "sum-guest: cannot mount the input disk"
        mount -t ext4 /dev/vda /result || echo "sum-guest: cannot mount the result disk"
        sleep {{pauseSeconds}}
        awk '{ s += $1 } END { print s }' /in/numbers.txt > /result/sum.txt
        sync
        umount /result
        umount /in
        echo "sum-guest: summed, powering off"
        poweroff -f
        """.Replace("\r", string.Empty, StringComparison.Ordinal) + "\n";
}
