using VmMiddleware.Qemu.Launch;
using VmMiddleware.Qemu.Storage;
using VmMiddleware.WorkUnits;

namespace VmMiddleware.Qemu.Tests.Launch;

[TestClass]
public sealed class QemuCommandLineTests
{
    private static VmConfiguration Config(NetworkPolicy network = NetworkPolicy.None, bool bootsKernel = false) => new()
    {
        Accelerator = "tcg",
        MemoryMiB = 512,
        Vcpus = 2,
        BootsKernel = bootsKernel,
        Network = network,
        Disks = [new VmDisk("boot", "boot,1.qcow2", "qcow2", "vmgrid-boot", 0), new VmDisk("seed", "seed.img", "raw", "CIDATA")],
    };

    [TestMethod]
    public void Build_NoNetwork_NoNicAndNoDefaults()
    {
        var args = QemuCommandLine.Build(Config(), "/w/vm", null, "/w/vm/qmp.sock", null);

        CollectionAssert.DoesNotContain(args.ToList(), "-nic");
        CollectionAssert.Contains(args.ToList(), "-nodefaults");
        CollectionAssert.Contains(args.ToList(), "-no-reboot");
        Assert.AreEqual("pc-i440fx-7.2", args[args.ToList().IndexOf("-machine") + 1]);
        Assert.AreEqual("unix:/w/vm/qmp.sock,server=on,wait=off", args[args.ToList().IndexOf("-qmp") + 1]);
        Assert.AreEqual("512", args[args.ToList().IndexOf("-m") + 1]);
        Assert.AreEqual("2", args[args.ToList().IndexOf("-smp") + 1]);
    }

    [TestMethod]
    public void Build_UserNetwork_VirtioNic()
    {
        var args = QemuCommandLine.Build(Config(NetworkPolicy.User), "/w/vm", null, "/s", null).ToList();

        Assert.AreEqual("user,model=virtio-net-pci", args[args.IndexOf("-nic") + 1]);
    }

    [TestMethod]
    public void Build_BootableDisk_BootIndexRebootTimeoutAndEscapedComma()
    {
        var args = QemuCommandLine.Build(Config(), "/w/vm", null, "/s", null).ToList();

        CollectionAssert.Contains(args, "if=none,id=boot,file=/w/vm/boot,,1.qcow2,format=qcow2,cache=unsafe");
        CollectionAssert.Contains(args, "virtio-blk-pci,drive=boot,serial=vmgrid-boot,bootindex=0");
        CollectionAssert.Contains(args, "virtio-blk-pci,drive=seed,serial=CIDATA");
        Assert.AreEqual("reboot-timeout=0", args[args.IndexOf("-boot") + 1]);
        CollectionAssert.DoesNotContain(args, "-kernel");
    }

    [TestMethod]
    public void Build_Firmware_PassedWithBios_DefaultOmitsIt()
    {
        var withQboot = QemuCommandLine.Build(Config() with { Firmware = "qboot.rom" }, "/w/vm", null, "/s", null).ToList();
        var withDefault = QemuCommandLine.Build(Config(), "/w/vm", null, "/s", null).ToList();

        Assert.AreEqual("qboot.rom", withQboot[withQboot.IndexOf("-bios") + 1]);
        CollectionAssert.DoesNotContain(withDefault, "-bios");
    }

    [TestMethod]
    public void Build_Incoming_ExecCatOfQuotedState()
    {
        var args = QemuCommandLine.Build(Config(), "/w/vm", null, "/s", "/w/it's/state").ToList();

        Assert.AreEqual("exec:cat '/w/it'\\''s/state'", args[args.IndexOf("-incoming") + 1]);
    }

    [TestMethod]
    public void Build_IncomingFromInheritedDescriptor_FdUri()
    {
        var args = QemuCommandLine.Build(Config(), "/w/vm", null, "/s", "/w/state", incomingDescriptor: 9).ToList();

        Assert.AreEqual("fd:9", args[args.IndexOf("-incoming") + 1]);
    }

    [TestMethod]
    public void Build_ReadOnlyDisk_ReadOnlyAndUnsafeCache()
    {
        var config = Config() with { Disks = [new VmDisk("input", "input.img", "raw", "vmgrid-input", ReadOnly: true)] };

        var args = QemuCommandLine.Build(config, "/w/vm", null, "/s", null).ToList();

        CollectionAssert.Contains(args, "if=none,id=input,file=/w/vm/input.img,format=raw,cache=unsafe,readonly=on");
    }

    [TestMethod]
    public void Build_OverlayOverTwoLayerChain_ReadOnlyBlockdevsBaseFirstAndDriveBackingTop()
    {
        var config = Config() with { Disks = [new VmDisk("root", "root.qcow2", "qcow2", "vmgrid-root", OverImage: true)] };
        ImageLayer[] chain = [new("/c/objects/ab/top", "qcow2"), new("/c/objects/cd/base,x", "raw")];

        var args = QemuCommandLine.Build(config, "/w/vm", null, "/s", null, chain).ToList();

        var blockdevs = args.Select((a, i) => (a, i)).Where(p => p.a == "-blockdev").Select(p => args[p.i + 1]).ToList();
        CollectionAssert.AreEqual(
            new[]
            {
                "driver=file,filename=/c/objects/cd/base,,x,node-name=root-layer1-file,read-only=on",
                "driver=raw,file=root-layer1-file,node-name=root-layer1,read-only=on",
                "driver=file,filename=/c/objects/ab/top,node-name=root-layer0-file,read-only=on",
                "driver=qcow2,file=root-layer0-file,node-name=root-layer0,read-only=on,backing=root-layer1",
            },
            blockdevs);
        CollectionAssert.Contains(args, "if=none,id=root,file=/w/vm/root.qcow2,format=qcow2,cache=unsafe,backing=root-layer0");
        Assert.IsTrue(args.IndexOf("-drive") > args.LastIndexOf("-blockdev"), "the nodes exist before the drive names them");
    }

    [TestMethod]
    public void Build_IncomingWithRestoreKernel_StubKernelOnlyNoInitrdOrAppend()
    {
        var guestDir = Directory.CreateTempSubdirectory("vmgrid-guest-").FullName;
        foreach (var name in new[] { "vmlinux", "initramfs.cpio", "kernel.cmdline" })
        {
            File.WriteAllText(Path.Combine(guestDir, name), "x");
        }

        try
        {
            var guest = VmMiddleware.Qemu.Installation.GuestKernel.Load(guestDir);

            var restore = QemuCommandLine.Build(Config(bootsKernel: true), "/w/vm", guest, "/s", "/c/state", restoreKernel: "/c/stub.elf").ToList();
            var cold = QemuCommandLine.Build(Config(bootsKernel: true), "/w/vm", guest, "/s", null, restoreKernel: "/c/stub.elf").ToList();

            Assert.AreEqual("/c/stub.elf", restore[restore.IndexOf("-kernel") + 1]);
            CollectionAssert.DoesNotContain(restore, "-initrd");
            CollectionAssert.DoesNotContain(restore, "-append");
            Assert.AreEqual(guest.Kernel, cold[cold.IndexOf("-kernel") + 1], "a cold boot always loads the real kernel");
        }
        finally
        {
            Directory.Delete(guestDir, recursive: true);
        }
    }

    [TestMethod]
    public void Build_BootsKernelWithoutGuest_Throws()
    {
        Assert.ThrowsExactly<ArgumentException>(() => QemuCommandLine.Build(Config(bootsKernel: true), "/w/vm", null, "/s", null));
    }
}
