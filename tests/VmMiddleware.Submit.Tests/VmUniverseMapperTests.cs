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

        Assert.AreEqual(new ImageSpec(ImageKind.BootableDisk, ImageLocation.FromHostPath(Path.Combine(Base, "disk.qcow2")), ImageFormat.Qcow2), unit.Image);
        Assert.AreEqual("t", unit.Name);
        Assert.IsFalse(unit.Checkpoint.OnEviction);
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
        var unit = Map(Vm + "vm_vcpus = 2\nrequest_disk = 2097152\nvm_networking = true\nvm_networking_type = nat\nvm_checkpoint = true\n"
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

        CollectionAssert.AreEqual(new[] { "one", "\"two\"", "'three'" }, unit.Command.Arguments.ToArray());
        Assert.AreEqual("x y", unit.Command.Environment["B"]);
    }

    [TestMethod]
    public void Map_VanillaWithVmgridImage_RunsTheExecutableInTheGuest()
    {
        var unit = Map("executable = /usr/bin/env\nvmgrid_image = images/base.raw\nvmgrid_image_kind = rootfs\nrequest_memory = 1G\nrequest_cpus = 2\nqueue\n", "run.sub");

        Assert.AreEqual("/usr/bin/env", unit.Command.Executable);
        Assert.AreEqual(ImageKind.RootFilesystem, unit.Image.Kind);
        Assert.AreEqual(new VirtualHardware { Vcpus = 2, MemoryMiB = 1024, DiskMiB = 1024 }, unit.Hardware);
        Assert.AreEqual("run-1.0", unit.Name);
        Assert.IsTrue(unit.Checkpoint.OnEviction);
    }

    [TestMethod]
    [DataRow("vm_foo = 1\n", "t.sub(line 7): unknown VM command 'vm_foo'; expected one of vm_checkpoint, vm_disk, vm_macaddr, vm_memory, vm_networking, vm_networking_type, vm_no_output_vm, vm_type, vm_vcpus, vmgrid_executable, vmgrid_image, vmgrid_image_kind, vmgrid_working_directory, vmware_dir, vmware_should_transfer_files, vmware_snapshot_disk, xen_initrd, xen_kernel, xen_kernel_params, xen_root", DisplayName = "unknown VM command")]
    [DataRow("output = out.txt\n", "t.sub(line 7): output cannot be honoured by a VM work unit: the guest's output is the serial console log and the files it writes under /work/out; use transfer_output_files (HTCondor's vm universe rejects output too)", DisplayName = "output in a VM job")]
    [DataRow("vm_type = vmware\n", "t.sub(line 7): vm_type = vmware is not supported: VmMiddleware boots disks with QEMU, and HTCondor's vm universe supports only Xen and KVM; convert the VMDK with qemu-img convert -O qcow2 and use vm_type = kvm", DisplayName = "vmware")]
    [DataRow("vm_disk = a.img:vda:w,b.img:vdb:w\n", "t.sub(line 7): vm_disk lists 2 disks; a VM work unit boots exactly one image: keep the boot disk and pass other data with transfer_input_files", DisplayName = "two disks")]
    [DataRow("vm_disk = a.img:vda:x\n", "t.sub(line 7): vm_disk = a.img:vda:x: permission 'x' is not r, w or rw", DisplayName = "bad permission")]
    [DataRow("vm_disk = a.img\n", "t.sub(line 7): vm_disk = a.img is not FILE:DEVICE:PERMISSION[:FORMAT]; for example disk.qcow2:vda:w:qcow2", DisplayName = "bad vm_disk")]
    [DataRow("vm_disk =\n", "t.sub(line 7): vm_disk is empty (an undefined macro?); universe = vm needs vm_disk, the disk image to boot; expected vm_disk = FILE:DEVICE:PERMISSION[:FORMAT]", DisplayName = "missing image")]
    [DataRow("vm_memory =\n", "t.sub(line 7): vm_memory is empty (an undefined macro?); universe = vm needs vm_memory, the guest's memory in MiB", DisplayName = "missing vm_memory")]
    [DataRow("vmgrid_executable =\n", "t.sub(line 8): universe = vm needs vmgrid_executable, the program the guest runs (a VmMiddleware extension: HTCondor's vm universe runs no command in the guest)", DisplayName = "missing guest command")]
    [DataRow("vm_networking = true\nvm_networking_type = bridge\n", "t.sub(line 8): vm_networking_type = bridge is not supported: the guest gets QEMU user-mode networking (NAT), which needs no root; expected nat", DisplayName = "bridge networking")]
    [DataRow("vm_memory = lots\n", "t.sub(line 7): vm_memory = lots is not a positive whole number of MiB", DisplayName = "bad vm_memory")]
    [DataRow("transfer_input_files = http://example.org/x\n", "t.sub(line 7): transfer_input_files: 'http://example.org/x' is a URL; a VM work unit copies host files and directories only", DisplayName = "URL input")]
    [DataRow("vm_no_output_vm = false\n", "t.sub(line 7): vm_no_output_vm = false asks for the modified disk image back; a VM work unit never returns its disk (the guest writes to a discarded overlay): return results with transfer_output_files", DisplayName = "disk back")]
    [DataRow("requirements = Memory >\n", "t.sub(line 7): requirements is not a ClassAd expression: column 9: unexpected end of input, expected an expression", DisplayName = "bad requirements")]
    public void Map_UnsupportedOrBrokenVmJob_ThrowsNamingTheCommand(string extra, string message)
    {
        var e = Assert.ThrowsExactly<SubmitFileException>(() => Map(Vm + extra + "queue\n"));

        Assert.AreEqual(message, e.Message);
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
