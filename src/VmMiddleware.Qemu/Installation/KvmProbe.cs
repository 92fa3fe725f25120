using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace VmMiddleware.Qemu.Installation;

/// <summary>
/// Asks KVM itself whether it works, in milliseconds: open /dev/kvm, KVM_GET_API_VERSION, KVM_CREATE_VM, one page of guest
/// memory, KVM_CREATE_VCPU, the kvm_run area, real-mode registers, then KVM_RUN on a few counting loops that each end with an
/// <c>out</c> and finally a <c>hlt</c>. A host whose KVM opens but runs guest code a thousand times slower than hardware
/// (seen on nested hosts) fails the CPU-time budget, and is stopped after a few loops (<see cref="KvmPace"/>).
/// </summary>
internal static class KvmProbe
{
    /// <summary>The CPU time the test guest may use: about 1 ms with working KVM, and far less than TCG needs to boot.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(100);

    /// <summary>The wall time the test guest may take although it uses little CPU (a KVM_RUN that sleeps); ten budgets, so a loaded host's scheduler cannot reach it.</summary>
    public static readonly TimeSpan WallLimit = TimeSpan.FromSeconds(1);

    public const int Chunks = 64;
    private const int ProbePort = 0x10;
    private const nuint GetApiVersion = 0xAE00;
    private const nuint CreateVm = 0xAE01;
    private const nuint GetVcpuMmapSize = 0xAE04;
    private const nuint CreateVcpu = 0xAE41;
    private const nuint SetUserMemoryRegion = 0x4020AE46;
    private const nuint Run = 0xAE80;
    private const nuint GetSregs = 0x8138AE83;
    private const nuint SetSregs = 0x4138AE84;
    private const nuint SetRegs = 0x4090AE82;
    private const int SregsSize = 312;
    private const int RegsSize = 144;
    private const int GuestMemory = 0x10000;
    private const int CodeAddress = 0x1000;

    // Real mode at 0x1000: mov bx,64; outer: mov ecx,0x4000; inner: dec ecx; jnz inner; out 0x10,al; dec bx; jnz outer; hlt.
    private static readonly byte[] Code = [0xBB, Chunks, 0x00, 0x66, 0xB9, 0x00, 0x40, 0x00, 0x00, 0x66, 0x49, 0x75, 0xFC, 0xE6, ProbePort, 0x4B, 0x75, 0xF1, 0xF4];

    /// <summary>How long the probe may block in all (a KVM_RUN that never returns must not hang vmgrid).</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(2);

    /// <summary>Runs <see cref="Probe"/> on a background thread and returns its verdict, or a failure when it does not answer within <paramref name="deadline"/>.</summary>
    public static (bool Works, string Reason, bool Lasting) Verdict(string device, TimeSpan budget, TimeSpan deadline)
    {
        // Not a disposable event: a thread stuck in KVM_RUN may finish long after this method has returned.
        var report = new TaskCompletionSource<KvmProbeReport>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                report.SetResult(Probe(device, budget));
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                report.SetResult(new KvmProbeReport($"calling libc ({e.Message})", 0, -1, [], 0, Chunks, TimeSpan.Zero, TimeSpan.Zero, KvmProbeStop.None));
            }
        })
        {
            IsBackground = true,
            Name = "kvm-probe",
        };
        thread.Start();
        return report.Task.Wait(deadline)
            ? KvmVerdict.From(report.Task.Result, budget)
            : (false, $"the KVM test guest did not return from KVM_RUN within {deadline.TotalSeconds:0} s", false);
    }

    /// <summary>Runs the probe against <paramref name="device"/>; never throws for what KVM answers.</summary>
    public static unsafe KvmProbeReport Probe(string device, TimeSpan budget)
    {
        var exits = new List<int>();
        var kvm = KvmNative.Open(device, KvmNative.ReadWrite | KvmNative.CloseOnExec);
        if (kvm < 0)
        {
            return Failed("open " + device, -1, exits);
        }

        int vm = -1, vcpu = -1, api = -1;
        nint memory = KvmNative.MapFailed, run = KvmNative.MapFailed;
        nuint runSize = 0;
        var buffer = (byte*)NativeMemory.AllocZeroed(SregsSize);
        try
        {
            api = KvmNative.Ioctl(kvm, GetApiVersion, 0);
            if (api != KvmVerdict.ExpectedApiVersion)
            {
                return api < 0 ? Failed("KVM_GET_API_VERSION", api, exits) : new KvmProbeReport(null, 0, api, exits, 0, Chunks, TimeSpan.Zero, TimeSpan.Zero, KvmProbeStop.None);
            }

            if ((vm = KvmNative.Ioctl(kvm, CreateVm, 0)) < 0)
            {
                return Failed("KVM_CREATE_VM", api, exits);
            }

            memory = KvmNative.Mmap(0, GuestMemory, KvmNative.ProtReadWrite, KvmNative.MapShared | KvmNative.MapAnonymous, -1, 0);
            if (memory == KvmNative.MapFailed)
            {
                return Failed("mmap of the guest memory", api, exits);
            }

            Code.CopyTo(new Span<byte>((byte*)memory + CodeAddress, Code.Length));
            var region = new Span<byte>(buffer, 32);
            region.Clear();
            BinaryPrimitives.WriteUInt64LittleEndian(region[16..], GuestMemory);
            BinaryPrimitives.WriteUInt64LittleEndian(region[24..], (ulong)memory);
            if (KvmNative.Ioctl(vm, SetUserMemoryRegion, (nint)buffer) < 0)
            {
                return Failed("KVM_SET_USER_MEMORY_REGION", api, exits);
            }

            if ((vcpu = KvmNative.Ioctl(vm, CreateVcpu, 0)) < 0)
            {
                return Failed("KVM_CREATE_VCPU", api, exits);
            }

            var size = KvmNative.Ioctl(kvm, GetVcpuMmapSize, 0);
            if (size <= 0)
            {
                return Failed("KVM_GET_VCPU_MMAP_SIZE", api, exits);
            }

            runSize = (nuint)size;
            run = KvmNative.Mmap(0, runSize, KvmNative.ProtReadWrite, KvmNative.MapShared, vcpu, 0);
            if (run == KvmNative.MapFailed)
            {
                return Failed("mmap of kvm_run", api, exits);
            }

            if (SetRealModeRegisters(vcpu, buffer) is { } step)
            {
                return Failed(step, api, exits);
            }

            return RunGuest(vcpu, (byte*)run, api, budget, exits);
        }
        finally
        {
            NativeMemory.Free(buffer);
            if (run != KvmNative.MapFailed)
            {
                _ = KvmNative.Munmap(run, runSize);
            }

            if (memory != KvmNative.MapFailed)
            {
                _ = KvmNative.Munmap(memory, GuestMemory);
            }

            foreach (var fd in new[] { vcpu, vm, kvm }.Where(fd => fd >= 0))
            {
                _ = KvmNative.Close(fd);
            }
        }
    }

    private static unsafe string? SetRealModeRegisters(int vcpu, byte* buffer)
    {
        var sregs = new Span<byte>(buffer, SregsSize);
        if (KvmNative.Ioctl(vcpu, GetSregs, (nint)buffer) < 0)
        {
            return "KVM_GET_SREGS";
        }

        // cs (offset 0) and ds (24): base 0, selector 0, so cs:ip = 0:0x1000.
        foreach (var segment in new[] { 0, 24 })
        {
            BinaryPrimitives.WriteUInt64LittleEndian(sregs[segment..], 0);
            BinaryPrimitives.WriteUInt16LittleEndian(sregs[(segment + 12)..], 0);
        }

        if (KvmNative.Ioctl(vcpu, SetSregs, (nint)buffer) < 0)
        {
            return "KVM_SET_SREGS";
        }

        var regs = new Span<byte>(buffer, RegsSize);
        regs.Clear();
        BinaryPrimitives.WriteUInt64LittleEndian(regs[128..], CodeAddress); // rip
        BinaryPrimitives.WriteUInt64LittleEndian(regs[136..], 2); // rflags: bit 1 is always set
        return KvmNative.Ioctl(vcpu, SetRegs, (nint)buffer) < 0 ? "KVM_SET_REGS" : null;
    }

    private static unsafe KvmProbeReport RunGuest(int vcpu, byte* run, int api, TimeSpan budget, List<int> exits)
    {
        var pace = new KvmPace(budget, Chunks, WallLimit);
        var clock = Stopwatch.StartNew();
        var began = KvmNative.ThreadCpuTime();
        var loopStart = began;
        var chunks = 0;
        while (exits.Count <= Chunks + 1)
        {
            if (KvmNative.Ioctl(vcpu, Run, 0) < 0)
            {
                return Failed("KVM_RUN", api, exits);
            }

            var now = KvmNative.ThreadCpuTime();
            var reason = BinaryPrimitives.ReadInt32LittleEndian(new ReadOnlySpan<byte>(run + 8, 4));
            exits.Add(reason);
            var port = BinaryPrimitives.ReadUInt16LittleEndian(new ReadOnlySpan<byte>(run + 34, 2));
            if (reason != KvmVerdict.ExitIo || port != ProbePort)
            {
                loopStart = now;
                break;
            }

            chunks++;
            if (pace.Loop(now - loopStart, clock.Elapsed) is not KvmProbeStop.None and var stop)
            {
                return new KvmProbeReport(null, 0, api, exits, chunks, Chunks, clock.Elapsed, now - began, stop);
            }

            loopStart = now;
        }

        return new KvmProbeReport(null, 0, api, exits, chunks, Chunks, clock.Elapsed, loopStart - began, KvmProbeStop.None);
    }

    private static KvmProbeReport Failed(string step, int api, List<int> exits) =>
        new(step, Marshal.GetLastPInvokeError(), api, exits, 0, Chunks, TimeSpan.Zero, TimeSpan.Zero, KvmProbeStop.None);
}
