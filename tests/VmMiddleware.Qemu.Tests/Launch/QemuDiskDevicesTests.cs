using VmMiddleware.Qemu.Launch;
using VmMiddleware.Qemu.Storage;
using VmMiddleware.WorkUnits;

namespace VmMiddleware.Qemu.Tests.Launch;

[TestClass]
public sealed class QemuDiskDevicesTests
{
    private static WorkUnit VmUniverse(string? bootDevice, params AttachedDisk[] disks) => new()
    {
        Name = "vm",
        Image = new ImageSpec(ImageKind.BootableDisk, ImageLocation.FromHostPath("/j/root.img"), ImageFormat.Raw, device: bootDevice),
        Disks = disks,
    };

    private static AttachedDisk Disk(string file, string device, bool readOnly = false) => new(ImageLocation.FromHostPath("/j/" + file), device, readOnly);

    [TestMethod]
    public void MachineDisks_VirtioDevicesOutOfOrder_AreListedInDeviceOrderBootDiskFirst()
    {
        var disks = Launcher.MachineDisks(VmUniverse("vdb", Disk("c.img", "vdc"), Disk("a.img", "vda", readOnly: true)));

        CollectionAssert.AreEqual(new[] { "vda", "vdb", "vdc" }, disks.Select(d => d.Device).ToArray());
        Assert.AreEqual(0, disks[1].BootIndex);
        Assert.IsTrue(disks[0].ReadOnly);
        Assert.AreEqual("disk-2.qcow2", disks[0].FileName);
    }

    [TestMethod]
    public void Build_IdeScsiAndIso_GiveTheirBusPositionAndCdRom()
    {
        var unit = VmUniverse("hda", Disk("cd.iso", "hdd"), Disk("extra.img", "sdb"), Disk("more.img", "sda2"));
        var configuration = new VmConfiguration { Accelerator = "tcg", MemoryMiB = 256, Vcpus = 1, BootsKernel = false, Disks = Launcher.MachineDisks(unit), SelfRunning = true };

        var devices = Devices(QemuCommandLine.Build(configuration, "/w/vm", null, "/s", null));

        // IDE and SCSI disks name their positions, so their order on the command line does not matter.
        CollectionAssert.AreEquivalent(
            new[]
            {
                "ide-hd,drive=boot,bus=ide.0,unit=0,bootindex=0",
                "ide-cd,drive=disk1,bus=ide.1,unit=1",
                "virtio-scsi-pci,id=vmgrid-scsi",
                "scsi-hd,drive=disk2,bus=vmgrid-scsi.0,channel=0,scsi-id=1,lun=0",
                "scsi-hd,drive=disk3,bus=vmgrid-scsi.0,channel=0,scsi-id=0,lun=0",
            },
            devices);
        Assert.IsTrue(Array.IndexOf(devices, "virtio-scsi-pci,id=vmgrid-scsi") < Array.FindIndex(devices, d => d.StartsWith("scsi-hd", StringComparison.Ordinal)));
        StringAssert.Contains(QemuCommandLine.Build(configuration, "/w/vm", null, "/s", null).Single(a => a.StartsWith("if=none,id=disk1", StringComparison.Ordinal)), "readonly=on");
    }

    [TestMethod]
    public void Build_AttachedDiskChains_AreGivenToTheirOverlays()
    {
        var unit = VmUniverse(null, Disk("data.img", "vdb"));
        var configuration = new VmConfiguration { Accelerator = "tcg", MemoryMiB = 256, Vcpus = 1, BootsKernel = false, Disks = Launcher.MachineDisks(unit), SelfRunning = true };

        var args = QemuCommandLine.Build(configuration, "/w/vm", null, "/s", null, [new ImageLayer("/cache/root", "raw")], attachedChains: [[new ImageLayer("/cache/data", "qcow2")]]);

        Assert.IsTrue(args.Contains("if=none,id=disk1,file=/w/vm/disk-1.qcow2,format=qcow2,cache=unsafe,backing=disk1-layer0"), string.Join(' ', args));
        Assert.IsTrue(args.Contains("driver=qcow2,file=disk1-layer0-file,node-name=disk1-layer0,read-only=on"), string.Join(' ', args));
        Assert.IsTrue(args.Contains("if=none,id=boot,file=/w/vm/boot.qcow2,format=qcow2,cache=unsafe,backing=boot-layer0"), string.Join(' ', args));
    }

    [TestMethod]
    public void Build_UserKernelAndMac_BootTheJobsKernelWithItsCommandLine()
    {
        var kernel = new KernelBoot { Kernel = "/j/vmlinuz", Initrd = "/j/initrd.img", Root = "/dev/vda", Parameters = "console=ttyS0" };
        var configuration = new VmConfiguration
        {
            Accelerator = "tcg", MemoryMiB = 256, Vcpus = 1, BootsKernel = false, UserKernel = true, KernelCommandLine = kernel.CommandLine,
            Disks = [], Network = NetworkPolicy.User, MacAddress = "52:54:00:00:00:01", SelfRunning = true,
        };

        var args = QemuCommandLine.Build(configuration, "/w/vm", null, "/s", null, userKernel: kernel).ToList();

        Assert.AreEqual("/j/vmlinuz", args[args.IndexOf("-kernel") + 1]);
        Assert.AreEqual("/j/initrd.img", args[args.IndexOf("-initrd") + 1]);
        Assert.AreEqual("root=/dev/vda console=ttyS0", args[args.IndexOf("-append") + 1]);
        Assert.AreEqual("user,model=virtio-net-pci,mac=52:54:00:00:00:01", args[args.IndexOf("-nic") + 1]);
        CollectionAssert.DoesNotContain(args, "-bios");
    }

    private static string[] Devices(IReadOnlyList<string> args) =>
        [.. args.Select((a, i) => (a, i)).Where(p => p.a == "-device").Select(p => args[p.i + 1])];
}
