using VmMiddleware.Submit;
using VmMiddleware.Translation.Input;
using VmMiddleware.Translation.Staging;

namespace VmMiddleware.Translation.Tests.Input;

[TestClass]
public sealed class JobInputTests
{
    private const string VmHeader = "universe = vm\nexecutable = bad\nvm_type = kvm\nvm_memory = 256\nvmgrid_executable = /bin/true\n";

    private string dir = string.Empty;

    [TestInitialize]
    public void Create() => dir = Directory.CreateTempSubdirectory("vmgrid-jobinput-").FullName;

    [TestCleanup]
    public void Delete() => Directory.Delete(dir, recursive: true);

    [TestMethod]
    public void Read_MissingFile_NamesTheFile()
    {
        var path = Path.Combine(dir, "absent.workunit.xml");

        var e = Assert.ThrowsExactly<JobStagingException>(() => JobInput.Read(path, SubmitOptions.Default));

        Assert.AreEqual(path + ": the file does not exist", e.Message);
    }

    [TestMethod]
    public void Read_SubmitFileQueuingTwoJobs_RefusedWithTheCount()
    {
        var path = Write("two.sub", VmHeader + "vm_disk = vmgrid:reference-guest:vda:w\nqueue 2\n");

        var e = Assert.ThrowsExactly<JobStagingException>(() => JobInput.Read(path, SubmitOptions.Default));

        Assert.AreEqual(path + ": the file queues 2 jobs; expected exactly one (translate one queue statement at a time)", e.Message);
    }

    [TestMethod]
    public void Read_SubmitFileWithUnknownCommand_PositionedMessageWrapsTheReadersError()
    {
        var path = Write("unknown.sub", VmHeader + "vm_disk = vmgrid:reference-guest:vda:w\nvm_frobnicate = 1\nqueue\n");

        var e = Assert.ThrowsExactly<JobStagingException>(() => JobInput.Read(path, SubmitOptions.Default));

        StringAssert.StartsWith(e.Message, path + "(line 7): unknown VM command 'vm_frobnicate'");
        Assert.IsInstanceOfType<SubmitFileException>(e.InnerException);
    }

    [TestMethod]
    public void Read_WorkUnitWithMissingImage_NamesLineAndColumn()
    {
        var path = Write("image.workunit.xml", "<workunit xmlns=\"urn:vmmiddleware:workunit:1\" name=\"x\">\n  <image kind=\"disk\" path=\"missing.qcow2\"/>\n  <command executable=\"/bin/true\"/>\n</workunit>\n");

        var e = Assert.ThrowsExactly<JobStagingException>(() => JobInput.Read(path, SubmitOptions.Default));

        Assert.AreEqual($"{path}(line 2, column 22): the image {Path.Combine(dir, "missing.qcow2")} does not exist; expected an image file", e.Message);
    }

    [TestMethod]
    public void Read_SubmitFileWithEnvMacro_ReadsTheGivenEnvironment()
    {
        File.WriteAllBytes(Path.Combine(dir, "disk.img"), new byte[512]);
        var path = Write("env.sub", VmHeader + "vm_disk = $ENV(DISK):vda:w:raw\nqueue\n");

        var input = JobInput.Read(path, new SubmitOptions { Environment = new Dictionary<string, string> { ["DISK"] = "disk.img" } });

        Assert.IsNull(input.Workflow);
        Assert.AreEqual("env", input.Stem);
        Assert.AreEqual(Path.Combine(dir, "disk.img"), input.WorkUnit!.Image.Location!.Value);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, content);
        return path;
    }
}
