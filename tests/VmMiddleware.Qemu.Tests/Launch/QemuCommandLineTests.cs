using VmMiddleware.Qemu.Launch;
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

        CollectionAssert.Contains(args, "if=none,id=boot,file=/w/vm/boot,,1.qcow2,format=qcow2");
        CollectionAssert.Contains(args, "virtio-blk-pci,drive=boot,serial=vmgrid-boot,bootindex=0");
        CollectionAssert.Contains(args, "virtio-blk-pci,drive=seed,serial=CIDATA");
        Assert.AreEqual("reboot-timeout=0", args[args.IndexOf("-boot") + 1]);
        CollectionAssert.DoesNotContain(args, "-kernel");
    }

    [TestMethod]
    public void Build_Incoming_ExecCatOfQuotedState()
    {
        var args = QemuCommandLine.Build(Config(), "/w/vm", null, "/s", "/w/it's/state").ToList();

        Assert.AreEqual("exec:cat '/w/it'\\''s/state'", args[args.IndexOf("-incoming") + 1]);
    }

    [TestMethod]
    public void Build_BootsKernelWithoutGuest_Throws()
    {
        Assert.ThrowsExactly<ArgumentException>(() => QemuCommandLine.Build(Config(bootsKernel: true), "/w/vm", null, "/s", null));
    }
}
