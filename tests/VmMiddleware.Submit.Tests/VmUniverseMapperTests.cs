using VmMiddleware.WorkUnits;

namespace VmMiddleware.Submit.Tests;

[TestClass]
public sealed class VmUniverseMapperTests
{
    private const string Vm = "universe = vm\nexecutable = t\nvm_type = kvm\nvm_memory = 256\nvm_disk = disk.qcow2:vda:w:qcow2\nvmgrid_executable = /bin/true\n";
    private static readonly string Base = Path.GetFullPath("/submit/dir");

    [TestMethod]
    public void Map_ManualStyleExample_GivesTheExpectedWorkUnit()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "examples", "vm-universe.sub");
        var examples = Path.GetDirectoryName(path)!;

        var unit = VmUniverseMapper.Map(SubmitFile.Expand(path).Jobs.Single(), examples);

        var expected = new WorkUnit
        {
            Name = "vm-hello",
            Image = ImageSpec.ReferenceGuest,
            Hardware = new VirtualHardware { Vcpus = 1, MemoryMiB = 512, DiskMiB = 1024 },
            Command = new GuestCommand
            {
                Executable = "/bin/sh",
                Arguments = ["-c", "awk '{ s += $1 } END { print s }' in/numbers.txt > out/sum.txt && echo $GREETING"],
                Environment = new Dictionary<string, string> { ["GREETING"] = "hello" },
            },
            Inputs = [new InputItem(Path.Combine(examples, "numbers.txt"))],
            Outputs = [new OutputSpec("sum.txt")],
            Checkpoint = new CheckpointPolicy { OnEviction = false },
            Network = NetworkPolicy.None,
            Requirements = "(TARGET.HasFileTransfer)",
            CustomAttributes = new Dictionary<string, string> { ["ProjectName"] = "\"vmgrid-examples\"" },
        };
        Assert.AreEqual(expected, unit);
    }

    [TestMethod]
    public void Map_DiskPathWithFormat_IsABootableDiskResolvedAgainstTheBaseDirectory()
    {
        var unit = Map(Vm + "queue\n");

        Assert.AreEqual(new ImageSpec(ImageKind.BootableDisk, ImageLocation.FromHostPath(Path.Combine(Base, "disk.qcow2")), ImageFormat.Qcow2, device: "vda"), unit.Image);
        Assert.AreEqual("t", unit.Name);
        Assert.IsFalse(unit.Checkpoint.OnEviction);
        Assert.AreEqual(DiskReturn.Whole, unit.ReturnDisks);
    }

    [TestMethod]
    [DataRow("vm_disk = vmimage://factory.example/abc:vda:r", ImageLocationKind.Url, "vmimage://factory.example/abc")]
    [DataRow("vm_disk = sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef:vda:w:raw", ImageLocationKind.CacheReference, "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [DataRow("initialdir = runs/1\nvm_disk = d.img:sda1:rw", ImageLocationKind.HostPath, "/submit/dir/runs/1/d.img")]
    public void Map_DiskFileForms_GiveTheirLocation(string disk, ImageLocationKind kind, string location)
    {
        var unit = Map(Vm + disk + "\nqueue\n");

        Assert.AreEqual(kind, unit.Image.Location!.Kind);
        Assert.AreEqual(kind == ImageLocationKind.HostPath ? Path.GetFullPath(location) : location, unit.Image.Location.Value);
    }

    [TestMethod]
    public void Map_ResourcesNetworkingAndCheckpoint_AreMapped()
    {
        var unit = Map(Vm + "vm_vcpus = 2\nrequest_disk = 2097152\nvm_networking = true\nvm_networking_type = user\nvm_checkpoint = true\n"
            + "when_to_transfer_output = ON_EXIT_OR_EVICT\nrank = Memory\nqueue\n");

        Assert.AreEqual(new VirtualHardware { Vcpus = 2, MemoryMiB = 256, DiskMiB = 2048 }, unit.Hardware);
        Assert.AreEqual(NetworkPolicy.User, unit.Network);
        Assert.IsTrue(unit.Checkpoint.OnEviction);
        Assert.AreEqual("Memory", unit.Rank);
    }

    [TestMethod]
    public void Map_OldSyntaxArgumentsAndEnvironment_AreSplit()
    {
        var unit = Map(Vm + "arguments = one \\\"two\\\" 'three'\nenvironment = A=1;B=x y;\nqueue\n");

        CollectionAssert.AreEqual(new[] { "one", "\"two\"", "'three'" }, unit.Command!.Arguments.ToArray());
        Assert.AreEqual("x y", unit.Command!.Environment["B"]);
    }

    [TestMethod]
    public void Map_VanillaWithVmgridImage_RunsTheExecutableInTheGuest()
    {
        var unit = Map("executable = /usr/bin/env\nvmgrid_image = images/base.raw\nvmgrid_image_kind = rootfs\nrequest_memory = 1G\nrequest_cpus = 2\nqueue\n", "run.sub");

        Assert.AreEqual("/usr/bin/env", unit.Command!.Executable);
        Assert.AreEqual(ImageKind.RootFilesystem, unit.Image.Kind);
        Assert.AreEqual(new VirtualHardware { Vcpus = 2, MemoryMiB = 1024, DiskMiB = 1024 }, unit.Hardware);
        Assert.AreEqual("run-1.0", unit.Name);
        Assert.IsTrue(unit.Checkpoint.OnEviction);
    }

    [TestMethod]
    [DataRow("vm_foo = 1\n", "t.sub(line 7): unknown VM command 'vm_foo'; expected one of vm_checkpoint, vm_disk, vm_macaddr, vm_memory, vm_networking, vm_networking_type, vm_no_output_vm, vm_type, vm_vcpus, vm_vnc, vmgrid_executable, vmgrid_image, vmgrid_image_kind, vmgrid_working_directory, vmware_dir, vmware_should_transfer_files, vmware_snapshot_disk, xen_initrd, xen_kernel, xen_kernel_params, xen_root", DisplayName = "unknown VM command")]
    [DataRow("output = out.txt\n", "t.sub(line 7): output cannot be honoured by a VM work unit: the guest's output is the serial console log and the files it writes under /work/out; use transfer_output_files (HTCondor's vm universe rejects output too)", DisplayName = "output in a VM job")]
    [DataRow("vm_type = vmware\n", "t.sub(line 7): vm_type = vmware is not supported: HTCondor 25 no longer supports it (\"A vm_type of 'vmware' is no longer supported\"); convert the VMDK with qemu-img convert -O qcow2 and use vm_type = kvm", DisplayName = "vmware")]
    [DataRow("vm_disk = a.img:vda:w,b.img:vda:r\n", "t.sub(line 7): two disks are both device vda (xvdX is given as vdX)", DisplayName = "two disks on one device")]
    [DataRow("vm_disk = a.img:vda:x\n", "t.sub(line 7): vm_disk entry a.img:vda:x: permission 'x' is not r, w or rw", DisplayName = "bad permission")]
    [DataRow("vm_disk = a.img\n", "t.sub(line 7): vm_disk entry a.img is not FILE:DEVICE:PERMISSION[:FORMAT]; for example disk.qcow2:vda:w:qcow2", DisplayName = "bad vm_disk")]
    [DataRow("vm_disk = a.img:fd0:w\n", "t.sub(line 7): vm_disk entry a.img:fd0:w: device 'fd0' is not a device name vdX (virtio), hdX (IDE), sdX (SCSI) or xvdX (Xen, given as virtio), optionally followed by a partition number", DisplayName = "bad device")]
    [DataRow("vm_disk = a.img:vda:w:iso\n", "t.sub(line 7): vm_disk entry a.img:vda:w:iso: format 'iso' is not one QEMU reads; expected qcow2, raw, vmdk, vdi, vhdx or vpc", DisplayName = "bad format")]
    [DataRow("vm_disk =\n", "t.sub(line 7): vm_disk is empty (an undefined macro?); universe = vm needs vm_disk, the disk image to boot; expected vm_disk = FILE:DEVICE:PERMISSION[:FORMAT]", DisplayName = "missing image")]
    [DataRow("vm_memory =\n", "t.sub(line 7): vm_memory is empty (an undefined macro?); universe = vm needs vm_memory, the guest's memory in MiB", DisplayName = "missing vm_memory")]
    [DataRow("vm_disk = vmgrid:reference-guest:vda:w\nvmgrid_executable =\n", "t.sub(line 9): universe = vm with the reference guest (vmgrid:reference-guest) needs vmgrid_executable, the program the guest runs: the reference guest does no work of its own", DisplayName = "missing guest command")]
    [DataRow("vm_networking = true\nvm_networking_type = bridge\n", "t.sub(line 8): vm_networking_type = bridge is not supported: a bridge puts the guest on the host's network, which needs root (a tap device on a host bridge) and no execute host gives a job; use vm_networking_type = user (QEMU user-mode networking, no root)", DisplayName = "bridge networking")]
    [DataRow("vm_networking = true\nvm_networking_type = nat\n", "t.sub(line 8): vm_networking_type = nat is not supported: HTCondor's nat is libvirt's virtual network, whose bridge, dnsmasq and firewall rules need root on the execute host; use vm_networking_type = user (QEMU user-mode networking: outbound NAT without root)", DisplayName = "nat networking")]
    [DataRow("vm_vnc = true\n", "t.sub(line 7): vm_vnc = true cannot be honoured by a VM work unit: the VM runs headless with no graphics card; its serial console is kept as console.log", DisplayName = "VNC console")]
    [DataRow("vm_macaddr = 01:02:03:04:05:06\n", "t.sub(line 7): vm_macaddr = 01:02:03:04:05:06 is not a MAC address; expected six hexadecimal pairs separated by ':' with an even first octet (a unicast address), such as 52:54:00:12:34:56", DisplayName = "multicast MAC")]
    [DataRow("xen_kernel = vmlinuz\n", "t.sub(line 7): xen_kernel applies to vm_type = xen only (HTCondor ignores it for kvm); remove it, or use vm_type = xen", DisplayName = "xen command with kvm")]
    [DataRow("vm_type = xen\nxen_kernel = included\nxen_initrd = initrd.img\n", "t.sub(line 9): to use xen_initrd, xen_kernel should be a real kernel file (as condor_submit says), not included or vmx", DisplayName = "initrd without a kernel file")]
    [DataRow("vm_type = xen\nxen_kernel = vmlinuz\n", "t.sub(line 9): xen_kernel names a kernel file, so xen_root (the root device, such as /dev/xvda1) is required, as in condor_submit", DisplayName = "kernel without root")]
    [DataRow("vm_type = xen\n", "t.sub(line 8): vm_type = xen needs xen_kernel: included (the disk's own kernel), vmx, or the kernel file to boot", DisplayName = "xen without kernel")]
    [DataRow("+VmMiddlewareReturnDisks = \"some\"\n", "t.sub(line 7): +VmMiddlewareReturnDisks = \"some\" is not a disk return form; expected \"whole\" or \"delta\"", DisplayName = "bad return form")]
    [DataRow("vm_memory = lots\n", "t.sub(line 7): vm_memory = lots is not a positive whole number of MiB", DisplayName = "bad vm_memory")]
    [DataRow("transfer_input_files = http://example.org/x\n", "t.sub(line 7): transfer_input_files: 'http://example.org/x' is a URL; a VM work unit copies host files and directories only", DisplayName = "URL input")]
    [DataRow("requirements = Memory >\n", "t.sub(line 7): requirements is not a ClassAd expression: column 9: unexpected end of input, expected an expression", DisplayName = "bad requirements")]
    public void Map_UnsupportedOrBrokenVmJob_ThrowsNamingTheCommand(string extra, string message)
    {
        var e = Assert.ThrowsExactly<SubmitFileException>(() => Map(Vm + extra + "queue\n"));

        Assert.AreEqual(message, e.Message);
    }

    private const string Manual = "universe = vm\nexecutable = sum\nvm_type = kvm\nvm_memory = 256\nvm_disk = root.img:vda:w:raw, input.img:vdb:r\n";

    [TestMethod]
    public void Map_ManualFormWithSeveralDisks_HasNoCommandAndReturnsTheWritableDisks()
    {
        var unit = Map(Manual + "should_transfer_files = YES\ntransfer_input_files = root.img, input.img\nvm_macaddr = 52:54:00:00:00:2A\nqueue\n");

        var expected = new WorkUnit
        {
            Name = "sum",
            Image = new ImageSpec(ImageKind.BootableDisk, ImageLocation.FromHostPath(Path.Combine(Base, "root.img")), ImageFormat.Raw, device: "vda"),
            Disks = [new AttachedDisk(ImageLocation.FromHostPath(Path.Combine(Base, "input.img")), "vdb", readOnly: true)],
            Hardware = new VirtualHardware { MemoryMiB = 256 },
            Checkpoint = new CheckpointPolicy { OnEviction = false },
            MacAddress = "52:54:00:00:00:2a",
            ReturnDisks = DiskReturn.Whole,
        };
        Assert.AreEqual(expected, unit);
    }

    [TestMethod]
    [DataRow("vm_no_output_vm = true\n", DiskReturn.None)]
    [DataRow("vm_no_output_vm = false\n", DiskReturn.Whole)]
    [DataRow("+VmMiddlewareReturnDisks = \"delta\"\n", DiskReturn.Delta)]
    [DataRow("vm_no_output_vm = true\n+VmMiddlewareReturnDisks = \"delta\"\n", DiskReturn.None)]
    public void Map_NoOutputVmAndReturnForm_ChooseWhatComesBack(string extra, DiskReturn expected) =>
        Assert.AreEqual(expected, Map(Manual + extra + "queue\n").ReturnDisks);

    [TestMethod]
    public void Map_XenKernelFile_BootsItDirectlyWithTheXenRootAsAVirtioDevice()
    {
        var unit = Map("universe = vm\nexecutable = x\nvm_type = xen\nvm_memory = 128\nvm_disk = root.img:xvda:w\n"
            + "xen_kernel = boot/vmlinuz\nxen_initrd = boot/initrd.img\nxen_root = /dev/xvda1\nxen_kernel_params = \"console=ttyS0 ro\"\nqueue\n");

        Assert.AreEqual(
            new KernelBoot { Kernel = Path.Combine(Base, "boot", "vmlinuz"), Initrd = Path.Combine(Base, "boot", "initrd.img"), Root = "/dev/vda1", Parameters = "console=ttyS0 ro" },
            unit.Kernel);
        Assert.AreEqual("xvda", unit.Image.Device);
    }

    [TestMethod]
    [DataRow("included")]
    [DataRow("vmx")]
    public void Map_XenKernelIncludedOrVmx_BootsTheDisk(string kernel) =>
        Assert.IsNull(Map("universe = vm\nexecutable = x\nvm_type = xen\nvm_memory = 128\nvm_disk = root.img:xvda:w\nxen_kernel = " + kernel + "\nqueue\n").Kernel);

    [TestMethod]
    public void Map_NoVmMemory_TakesRequestMemoryAsCondorSubmitDoes()
    {
        var unit = Map("universe = vm\nexecutable = x\nvm_type = kvm\nrequest_memory = 1G\nrequest_cpus = 2\nvm_disk = root.img:vda:w\nallowed_job_duration = 600\nqueue\n");

        Assert.AreEqual(new VirtualHardware { Vcpus = 2, MemoryMiB = 1024 }, unit.Hardware);
        Assert.AreEqual(TimeSpan.FromMinutes(10), unit.Limits.WallTime);
    }

    [TestMethod]
    [DataRow("arguments = -x\n", "t.sub(line 6): arguments belongs to vmgrid_executable, the program a VmMiddleware guest runs; HTCondor's vm universe runs no command in the guest, so remove it or add vmgrid_executable", DisplayName = "arguments without a program")]
    [DataRow("transfer_input_files = root.img, notes.txt\n", "t.sub(line 6): transfer_input_files: 'notes.txt' is not one of the VM's disks or its kernel; a VM without vmgrid_executable sees only its vm_disk disks, so add it to vm_disk (such as notes.txt:vdb:r) or remove it", DisplayName = "a file the guest cannot see")]
    [DataRow("transfer_output_files = result.txt\n", "t.sub(line 6): transfer_output_files: a VM without vmgrid_executable has no output directory; its results come back in its writable disks (vm_no_output_vm = false)", DisplayName = "outputs without a program")]
    public void Map_ManualFormWithProgramCommands_ThrowsNamingTheCommand(string extra, string message)
    {
        var e = Assert.ThrowsExactly<SubmitFileException>(() => Map(Manual + extra + "queue\n"));

        Assert.AreEqual(message, e.Message);
    }

    [TestMethod]
    public void Map_ManualFormExample_IsTheSumJob()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "examples", "vm-universe-sum.sub");
        var examples = Path.GetDirectoryName(path)!;

        var unit = VmUniverseMapper.Map(SubmitFile.Expand(path).Jobs.Single(), examples);

        Assert.IsNull(unit.Command);
        Assert.AreEqual("vm-sum", unit.Name);
        Assert.AreEqual("root=/dev/vda console=ttyS0", unit.Kernel!.CommandLine);
        Assert.AreEqual(DiskReturn.Whole, unit.ReturnDisks);
        Assert.AreEqual(0, unit.Inputs.Count);
        Assert.AreEqual(Path.Combine(examples, "sum-input.img"), unit.Disks.Single().Location.Value);
    }

    [TestMethod]
    public void Map_VanillaWithoutImage_ThrowsAtTheQueueStatement()
    {
        var e = Assert.ThrowsExactly<SubmitFileException>(() => Map("executable = /bin/true\nqueue\n"));

        Assert.AreEqual("t.sub(line 2): this job is not a VM work unit; expected universe = vm with vm_disk, or vmgrid_image = IMAGE", e.Message);
    }

    private static WorkUnit Map(string text, string name = "t.sub") =>
        VmUniverseMapper.Map(SubmitFile.ExpandText(text, name, new SubmitOptions { BaseDirectory = Base }).Jobs.Single(), Base);
}
