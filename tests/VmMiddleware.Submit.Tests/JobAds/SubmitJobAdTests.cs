using VmMiddleware.ClassAds;
using VmMiddleware.ClassAds.Printing;
using VmMiddleware.Submit.JobAds;

namespace VmMiddleware.Submit.Tests.JobAds;

/// <summary>The job ads condor_submit makes (submit_utils.cpp, SetVMParams and SetRequirements) for VM-universe and vanilla jobs.</summary>
[TestClass]
public sealed class SubmitJobAdTests
{
    private static ClassAd Make(string text) =>
        SubmitJobAd.Make(SubmitFile.ExpandText(text, "t.sub", new SubmitOptions { BaseDirectory = "/s" }).Jobs.Single(), new SubmitJobAdOptions { Iwd = "/s" });

    private static void AssertSameExpression(string condorSubmitText, string actual) =>
        Assert.AreEqual(Unparser.UnparseOld(ClassAds.Syntax.ExpressionParser.Parse(condorSubmitText)), actual);

    private static string Get(ClassAd ad, string name) => ad.Lookup(name) is { } expr ? Unparser.UnparseOld(expr) : "<absent>";

    [TestMethod]
    public void Make_VmJob_HasSetVmParamsAttributesAndTheVmRequirements()
    {
        var ad = Make("universe = vm\nexecutable = label\nvm_type = KVM\nvm_memory = 1G\nvm_disk = a.img:vda:w,b.img:vdb:r\nvm_checkpoint = true\n"
            + "vm_networking = true\nvm_networking_type = user\nvm_macaddr = 52:54:00:00:00:01\nvm_no_output_vm = false\nrequirements = Memory > 1\nqueue\n");

        Assert.AreEqual("13", Get(ad, "JobUniverse"));
        Assert.AreEqual("\"label\"", Get(ad, "Cmd"), "a vm job's executable is a label");
        Assert.AreEqual("false", Get(ad, "TransferExecutable"));
        Assert.AreEqual("\"kvm\"", Get(ad, "JobVMType"));
        Assert.AreEqual("1024", Get(ad, "JobVMMemory"));
        Assert.AreEqual("1048576", Get(ad, "ExecutableSize"));
        Assert.AreEqual("1", Get(ad, "JobVM_VCPUS"));
        Assert.AreEqual("true", Get(ad, "JobVMCheckpoint"));
        Assert.AreEqual("\"user\"", Get(ad, "JobVMNetworkingType"));
        Assert.AreEqual("false", Get(ad, "VMPARAM_No_Output_VM"));
        Assert.AreEqual("\"a.img:vda:w,b.img:vdb:r\"", Get(ad, "VMPARAM_vm_Disk"));
        Assert.AreEqual("\"ON_EXIT_OR_EVICT\"", Get(ad, "WhenToTransferOutput"), "vm_checkpoint forces transfer on eviction");
        Assert.AreEqual("MY.JobVMMemory", Get(ad, "RequestMemory"));
        Assert.AreEqual("\"/dev/null\"", Get(ad, "Out"));
        Assert.AreEqual("1", Get(ad, "RequestCpus"), "JOB_DEFAULT_REQUESTCPUS");
        Assert.AreEqual("MAX({ 1024,(TransferInputSizeMB + 1) * 1.25 }) * 1024", Get(ad, "RequestDisk"), "JOB_DEFAULT_REQUESTDISK");
        // The text SetRequirements builds, read back as the schedd reads it.
        AssertSameExpression(
            "(Memory > 1) && (TARGET.Arch == \"X86_64\")&& (TARGET.HasVM =?= true) && (TARGET.VM_Type == MY.JobVMType) && (TARGET.VM_AvailNum > 0) && ((MY.VM_CkptMac =?= UNDEFINED) || (TARGET.VM_All_Guest_Macs =?= UNDEFINED) || (stringListIMember(MY.VM_CkptMac, TARGET.VM_All_Guest_Macs, \",\") == FALSE)) && (TARGET.Disk >= RequestDisk) && (TARGET.TotalMemory >= MY.JobVMMemory) && (TARGET.VM_Memory >= MY.JobVMMemory) && TARGET.VM_Networking && stringListIMember(JobVMNetworkingType,TARGET.VM_Networking_Types,\",\") && (TARGET.HasFileTransfer)",
            Get(ad, "Requirements"));
    }

    [TestMethod]
    public void Make_XenJobWithKernelFile_HasTheXenParameters()
    {
        var ad = Make("universe = vm\nexecutable = x\nvm_type = xen\nvm_memory = 128\nvm_disk = r.img:xvda:w\nxen_kernel = vmlinuz\nxen_initrd = initrd\nxen_root = /dev/xvda\nxen_kernel_params = 'ro quiet'\nqueue\n");

        Assert.AreEqual("\"vmlinuz\"", Get(ad, "VMPARAM_Xen_Kernel"));
        Assert.AreEqual("\"initrd\"", Get(ad, "VMPARAM_Xen_Initrd"));
        Assert.AreEqual("\"/dev/xvda\"", Get(ad, "VMPARAM_Xen_Root"));
        Assert.AreEqual("\"ro quiet\"", Get(ad, "VMPARAM_Xen_Kernel_Params"), "trim_quotes takes the quotes off");
        Assert.IsFalse(Get(ad, "Requirements").Contains("TotalMemory", StringComparison.Ordinal), "condor_submit checks TotalMemory for kvm only");
    }

    [TestMethod]
    public void Make_VanillaJobWithForcedRequirements_KeepsThemAndConvertsRequests()
    {
        var ad = Make("executable = vmgrid\narguments = \"run 'a b' 'it''s'\"\noutput = o\nrequest_memory = 768\nrequest_disk = 2G\nrequest_cpus = 2\n"
            + "transfer_input_files = x, y/z\n+Requirements = TARGET.Cpus > 1\ncheckpoint_exit_code = 85\nqueue\n");

        Assert.AreEqual("\"/s/vmgrid\"", Get(ad, "Cmd"));
        Assert.AreEqual("\"run 'a b' 'it''s'\"", Get(ad, "Arguments"));
        Assert.AreEqual("768", Get(ad, "RequestMemory"));
        Assert.AreEqual("2097152", Get(ad, "RequestDisk"), "request_disk is KiB");
        Assert.AreEqual("2", Get(ad, "RequestCpus"));
        Assert.AreEqual("\"x,y/z\"", Get(ad, "TransferInput"));
        Assert.AreEqual("TARGET.Cpus > 1", Get(ad, "Requirements"), "+Requirements skips condor_submit's generation");
        Assert.AreEqual("85", Get(ad, "CheckpointExitCode"));
        Assert.AreEqual("false", Get(ad, "StreamOut"));
    }

    [TestMethod]
    [DataRow("universe = vm\nexecutable = x\nvm_type = kvm\nvm_disk = a.img:vda:w\nqueue\n", "t.sub(line 5): vm_memory is incorrectly specified; for vm memory of 128 megabytes, use 128", DisplayName = "no memory")]
    [DataRow("universe = vm\nexecutable = x\nvm_type = kvm\nvm_memory = 1\nvm_disk = a.img\nqueue\n", "t.sub(line 5): 'vm_disk' has incorrect format; it should be like <filename>:<devicename>:<permission>", DisplayName = "bad vm_disk")]
    [DataRow("universe = vm\nexecutable = x\nvm_type = vmware\nvm_memory = 1\nqueue\n", "t.sub(line 3): A vm_type of 'vmware' is no longer supported", DisplayName = "vmware")]
    [DataRow("universe = docker\nqueue\n", "t.sub(line 1): universe = docker is outside this model of condor_submit; expected vanilla or vm", DisplayName = "other universe")]
    public void Make_WhatCondorSubmitRefuses_ThrowsNamingTheCommand(string text, string message) =>
        Assert.AreEqual(message, Assert.ThrowsExactly<SubmitFileException>(() => Make(text)).Message);
}
