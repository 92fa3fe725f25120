using System.Runtime.InteropServices;

namespace VmMiddleware.Qemu.Installation;

/// <summary>The few libc calls the direct KVM probe needs, as source-generated blittable imports (Native-AOT safe, no runtime marshalling).</summary>
internal static partial class KvmNative
{
    public const int ReadWrite = 2;
    public const int CloseOnExec = 0x80000;
    public const int ProtReadWrite = 3;
    public const int MapShared = 1;
    public const int MapAnonymous = 0x20;
    public static readonly nint MapFailed = -1;
    private const int ThreadCpuClock = 3; // CLOCK_THREAD_CPUTIME_ID

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close")]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    public static partial int Ioctl(int fd, nuint request, nint argument);

    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    public static partial nint Mmap(nint address, nuint length, int protection, int flags, int fd, nint offset);

    [LibraryImport("libc", EntryPoint = "munmap")]
    public static partial int Munmap(nint address, nuint length);

    /// <summary>Returns the CPU time the calling thread has used (guest time in KVM_RUN included), which the scheduler's other work does not inflate.</summary>
    public static unsafe TimeSpan ThreadCpuTime()
    {
        // struct timespec on 64-bit Linux: two longs, seconds then nanoseconds.
        var spec = stackalloc long[2];
        return ClockGettime(ThreadCpuClock, spec) == 0 ? TimeSpan.FromTicks((spec[0] * TimeSpan.TicksPerSecond) + (spec[1] / 100)) : TimeSpan.Zero;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static unsafe partial int ClockGettime(int clock, long* spec);
}
