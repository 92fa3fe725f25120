namespace VmMiddleware.Qemu.Installation;

/// <summary>A built reference guest: the directory build.sh printed, holding vmlinux, the initramfs and the kernel command line.</summary>
public sealed record GuestKernel
{
    private static readonly string[] InitramfsNames = ["initramfs.cpio", "initramfs.cpio.gz"];

    private GuestKernel(string directory, string kernel, string initramfs, string commandLine, string waitCommandLine)
    {
        Directory = directory;
        Kernel = kernel;
        Initramfs = initramfs;
        CommandLine = commandLine;
        WaitCommandLine = waitCommandLine;
    }

    /// <summary>Gets the guest directory (its name, guest-&lt;hash&gt;, identifies the build).</summary>
    public string Directory { get; }

    /// <summary>Gets the path of the uncompressed kernel booted through PVH (vmlinux).</summary>
    public string Kernel { get; }

    /// <summary>Gets the path of the initramfs (initramfs.cpio or initramfs.cpio.gz).</summary>
    public string Initramfs { get; }

    /// <summary>Gets the kernel command line from kernel.cmdline, trimmed.</summary>
    public string CommandLine { get; }

    /// <summary>Gets the kernel command line for a wait-for-work boot that is checkpointed: kernel-wait.cmdline (vmgrid.wait=1 init_on_free=1), else the cold one plus vmgrid.wait=1.</summary>
    public string WaitCommandLine { get; }

    /// <summary>Gets the build identity: the guest directory's name.</summary>
    public string Identity => Path.GetFileName(Directory);

    /// <summary>Loads a guest directory, naming the missing file when it is incomplete.</summary>
    public static GuestKernel Load(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var full = Path.GetFullPath(directory);
        var kernel = Path.Combine(full, "vmlinux");
        var initramfs = InitramfsNames.Select(n => Path.Combine(full, n)).FirstOrDefault(File.Exists);
        var cmdline = Path.Combine(full, "kernel.cmdline");
        RequireFile(full, kernel);
        RequireFile(full, cmdline);

        return initramfs is null
            ? throw new FileNotFoundException($"The guest directory {full} has no initramfs.cpio; expected the output of src/guest/build.sh.", full)
            : new GuestKernel(full, kernel, initramfs, File.ReadAllText(cmdline).Trim(), WaitLine(full, File.ReadAllText(cmdline).Trim()));
    }

    private static string WaitLine(string directory, string coldLine)
    {
        var wait = Path.Combine(directory, "kernel-wait.cmdline");
        return File.Exists(wait) ? File.ReadAllText(wait).Trim() : coldLine + " vmgrid.wait=1";
    }

    private static void RequireFile(string directory, string file)
    {
        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"The guest directory {directory} has no {Path.GetFileName(file)}; expected the output of src/guest/build.sh.", file);
        }
    }
}
