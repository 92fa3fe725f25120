using VmMiddleware.Submit;

namespace VmMiddleware.Cli.Tests.Verbs;

/// <summary>vmgrid translate and submit as a user runs them: the real executable, real files.</summary>
[TestClass]
public sealed class TranslateVerbTests
{
    private const string VmHeader = "universe = vm\nexecutable = bad\nvm_type = kvm\nvm_memory = 256\nvmgrid_executable = /bin/true\n";

    private static string Examples => Path.Combine(AppContext.BaseDirectory, "examples");

    [TestMethod]
    [DataRow("text.sub", VmHeader + "vm_disk = text.qcow2:vda:w:qcow2\nqueue\n", "text.sub(line 6): the image {0} is declared qcow2 but has no known image header (raw data); refusing to use it\n")]
    [DataRow("text.workunit.xml", "<workunit xmlns=\"urn:vmmiddleware:workunit:1\" name=\"x\">\n  <image kind=\"disk\" path=\"text.qcow2\" format=\"qcow2\"/>\n  <command executable=\"/bin/true\"/>\n</workunit>\n", "text.workunit.xml(line 2, column 22): the image {0} is declared qcow2 but has no known image header (raw data); refusing to use it\n")]
    public void Translate_ImageNotInDeclaredFormat_OneLineExitOneNothingShipped(string name, string content, string expected)
    {
        var dir = Directory.CreateTempSubdirectory("vmgrid-translate-fmt-").FullName;
        try
        {
            var file = Path.Combine(dir, name);
            File.WriteAllText(file, content);
            File.WriteAllText(Path.Combine(dir, "text.qcow2"), "root:$y$j9T$secret:19000:0:99999:7:::\n");

            var (exit, _, stderr) = VmgridProcessTests.Run($"translate {file} --to condor -o {Path.Combine(dir, "out")}");

            Assert.AreEqual(1, exit, stderr);
            Assert.AreEqual("vmgrid: " + dir + "/" + string.Format(System.Globalization.CultureInfo.InvariantCulture, expected, Path.Combine(dir, "text.qcow2")), stderr);
            Assert.IsFalse(Directory.Exists(Path.Combine(dir, "out")), "nothing is shipped");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    [DataRow("unknown.sub", VmHeader + "vm_disk = vmgrid:reference-guest:vda:w\nvm_frobnicate = 1\nqueue\n", "unknown.sub(line 7): unknown VM command 'vm_frobnicate'")]
    [DataRow("if.sub", VmHeader + "if defined FOO\nvm_disk = vmgrid:reference-guest:vda:w\nqueue\n", "if.sub(line 6): if without matching endif")]
    [DataRow("macro.sub", "universe = vm\nexecutable = bad\nvm_type = kvm\nvm_memory = $(MEMORY)\nvmgrid_executable = /bin/true\nvm_disk = vmgrid:reference-guest:vda:w\nqueue\n", "macro.sub(line 4): vm_memory is empty (an undefined macro?); universe = vm needs vm_memory")]
    [DataRow("image.sub", VmHeader + "vm_disk = missing.qcow2:vda:w:qcow2\nqueue\n", "image.sub(line 6): the image ")]
    [DataRow("image.workunit.xml", "<workunit xmlns=\"urn:vmmiddleware:workunit:1\" name=\"x\">\n  <image kind=\"disk\" path=\"missing.qcow2\"/>\n  <command executable=\"/bin/true\"/>\n</workunit>\n", "image.workunit.xml(line 2, column 22): the image ")]
    public void Translate_BadInput_PrintsOneLineNamingFileLineAndCauseAndExitsOne(string name, string content, string expected)
    {
        var dir = Directory.CreateTempSubdirectory("vmgrid-translate-bad-").FullName;
        try
        {
            var file = Path.Combine(dir, name);
            File.WriteAllText(file, content);

            var (exit, stdout, stderr) = VmgridProcessTests.Run($"translate {file} --to condor -o {Path.Combine(dir, "out")}");

            Assert.AreEqual(1, exit, stderr);
            Assert.AreEqual(string.Empty, stdout);
            Assert.AreEqual(1, stderr.TrimEnd('\n').Split('\n').Length, stderr);
            StringAssert.StartsWith(stderr, "vmgrid: " + Path.GetDirectoryName(file) + "/" + expected);
            Assert.IsFalse(Directory.Exists(Path.Combine(dir, "out")), "nothing is written for bad input");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public void Translate_HelloToCondor_WritesTheJobDirectory()
    {
        var dir = Directory.CreateTempSubdirectory("vmgrid-translate-").FullName;
        try
        {
            var bundle = Path.Combine(dir, "bundle.tar.gz");
            File.WriteAllText(bundle, "stand-in bundle: the translator copies it unread");
            var guest = FakeGuest(Path.Combine(dir, "guest-0123abcd"));
            var output = Path.Combine(dir, "hello-condor");

            var (exit, stdout, stderr) = VmgridProcessTests.Run(
                $"translate {Path.Combine(Examples, "hello.workunit.xml")} --to condor -o {output} --launcher /bin/true --qemu-bundle {bundle} --guest {guest}");

            Assert.AreEqual(0, exit, stderr);
            Assert.AreEqual(Path.Combine(output, "job.sub") + "\n", stdout);
            CollectionAssert.AreEquivalent(
                new[] { "job.sub", "workunit.xml", "vmgrid", "qemu-bundle.tar.gz", "reference-guest.tar.gz", "input-1-numbers.txt" },
                Directory.GetFileSystemEntries(output).Select(Path.GetFileName).ToArray());
            var job = SubmitFile.Expand(Path.Combine(output, "job.sub")).Jobs.Single();
            Assert.AreEqual("workunit.xml, qemu-bundle.tar.gz, reference-guest.tar.gz, input-1-numbers.txt", job.Find("transfer_input_files")!.Value);
            Assert.AreEqual(File.ReadAllText(Path.Combine(Examples, "numbers.txt")), File.ReadAllText(Path.Combine(output, "input-1-numbers.txt")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public void Translate_ManualFormVmJobToCondor_ShipsTheDisksUnderTheirNamesAndNoWorkUnitFile()
    {
        var dir = Directory.CreateTempSubdirectory("vmgrid-translate-vm-").FullName;
        try
        {
            var bundle = Path.Combine(dir, "bundle.tar.gz");
            File.WriteAllText(bundle, "stand-in bundle: the translator copies it unread");
            foreach (var name in new[] { "sum-root.img", "sum-input.img" })
            {
                File.WriteAllBytes(Path.Combine(dir, name), new byte[1 << 20]);
            }

            File.WriteAllText(Path.Combine(dir, "vmlinux"), "stand-in kernel");
            File.WriteAllText(Path.Combine(dir, "sum-initrd.cpio"), "stand-in initrd");
            var submit = Path.Combine(dir, "vm-universe-sum.sub");
            File.Copy(Path.Combine(Examples, "vm-universe-sum.sub"), submit);
            var output = Path.Combine(dir, "sum-condor");

            var (exit, stdout, stderr) = VmgridProcessTests.Run($"translate {submit} --to condor -o {output} --launcher /bin/true --qemu-bundle {bundle}");

            Assert.AreEqual(0, exit, stderr);
            Assert.AreEqual(Path.Combine(output, "job.sub") + "\n", stdout);
            CollectionAssert.AreEquivalent(
                new[] { "job.sub", "vmgrid", "qemu-bundle.tar.gz", "sum-root.img", "sum-input.img", "vmlinux", "sum-initrd.cpio" },
                Directory.GetFileSystemEntries(output).Select(Path.GetFileName).ToArray());
            Assert.AreEqual(Path.Combine(dir, "sum-root.img"), new FileInfo(Path.Combine(output, "sum-root.img")).LinkTarget, "disks are linked, not copied");
            var job = SubmitFile.Expand(Path.Combine(output, "job.sub")).Jobs.Single();
            Assert.AreEqual("\"run --job-ad .job.ad --work-dir . --transfer-dirs\"", job.Find("arguments")!.Value);
            Assert.AreEqual("out, sum-root.img", job.Find("transfer_output_files")!.Value);
            Assert.AreEqual("\"sum-root.img:xvda:w:raw,sum-input.img:xvdb:r:raw\"", job.Find("+VMPARAM_vm_Disk")!.Value);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public void Submit_ToCondorWithoutHTCondor_SaysCondorSubmitIsMissing()
    {
        var (exit, _, stderr) = VmgridProcessTests.Run($"submit {Path.Combine(Examples, "hello.workunit.xml")} --to condor -o /nonexistent/never-written");

        Assert.AreEqual(1, exit, stderr);
        StringAssert.StartsWith(stderr, "vmgrid: condor_submit not found on PATH");
        Assert.AreEqual(1, stderr.TrimEnd('\n').Split('\n').Length, stderr);
    }

    [TestMethod]
    public void Submit_ToRslWithoutContact_AsksForOne()
    {
        var (exit, _, stderr) = VmgridProcessTests.Run($"submit {Path.Combine(Examples, "hello.workunit.xml")} --to rsl -o /nonexistent/never-written");

        Assert.AreEqual(1, exit, stderr);
        StringAssert.StartsWith(stderr, "vmgrid: --to rsl needs a gatekeeper contact");
    }

    [TestMethod]
    public void Translate_WorkflowToDagUnderTmp_WritesItAndWarnsThatDagmanWouldAbort()
    {
        var dir = $"/tmp/vmgrid-translate-dag-{Guid.NewGuid():N}";
        try
        {
            Directory.CreateDirectory(dir);
            var bundle = Path.Combine(dir, "bundle.tar.gz");
            File.WriteAllText(bundle, "stand-in bundle: the translator copies it unread");
            var guest = FakeGuest(Path.Combine(dir, "guest-0123abcd"));
            var output = Path.Combine(dir, "pipeline-dag");

            var (exit, stdout, stderr) = VmgridProcessTests.Run(
                $"translate {Path.Combine(Examples, "pipeline.workflow.xml")} --to dag -o {output} --launcher /bin/true --qemu-bundle {bundle} --guest {guest}");

            Assert.AreEqual(0, exit, stderr);
            Assert.AreEqual(Path.Combine(output, "pipeline.dag") + "\n", stdout);
            Assert.AreEqual(
                $"vmgrid: warning: {output} is under /tmp, where DAGMan refuses the DAG's node log (\"default node log file ... is in /tmp\" is fatal with its default DAGMAN_USE_STRICT = 1); move the directory out of /tmp before condor_submit_dag\n",
                stderr);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string FakeGuest(string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "vmlinux"), "kernel");
        File.WriteAllText(Path.Combine(directory, "initramfs.cpio"), "initramfs");
        File.WriteAllText(Path.Combine(directory, "kernel.cmdline"), "console=ttyS0");
        return directory;
    }
}
