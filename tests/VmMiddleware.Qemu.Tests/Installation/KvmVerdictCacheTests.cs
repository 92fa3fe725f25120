using VmMiddleware.Qemu.Installation;

namespace VmMiddleware.Qemu.Tests.Installation;

[TestClass]
public sealed class KvmVerdictCacheTests
{
    private const string Reason = "KVM runs guest code far too slowly: 3 of 64 test loops took 55.0 ms of CPU time";
    private string _dir = null!;
    private string _proc = null!;
    private string _device = null!;
    private string _file = null!;

    [TestInitialize]
    public void Setup()
    {
        _dir = Directory.CreateTempSubdirectory("vmgrid-kvm-verdict-").FullName;
        _proc = Path.Combine(_dir, "proc");
        Directory.CreateDirectory(Path.Combine(_proc, "sys", "kernel", "random"));
        SetBoot("6542acb1-c725-4f15-96d5-8a909e32de76");
        File.WriteAllText(Path.Combine(_proc, "sys", "kernel", "osrelease"), "6.18.44-fc-v1300\n");
        _device = Path.Combine(_dir, "kvm");
        File.WriteAllText(_device, string.Empty);
        _file = KvmVerdictCache.PathUnder(Path.Combine(_dir, "cache"));
    }

    [TestCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    private KvmVerdictCache Cache() => new(_file, _device, _proc);

    private void SetBoot(string id) => File.WriteAllText(Path.Combine(_proc, "sys", "kernel", "random", "boot_id"), id + "\n");

    [TestMethod]
    public void PathUnder_CacheRoot_AcceleratorDirectory() =>
        Assert.AreEqual(Path.Combine("/c", "accelerator", "kvm-verdict.txt"), KvmVerdictCache.PathUnder("/c"));

    [TestMethod]
    public void Read_NothingWritten_Null() => Assert.IsNull(Cache().Read());

    [TestMethod]
    public void Read_AfterWrite_TheReasonInAFileThatNamesItsKey()
    {
        Cache().Write(Reason);

        Assert.AreEqual(Reason, new KvmVerdictCache(_file, _device, _proc).Read());
        var text = File.ReadAllText(_file);
        StringAssert.StartsWith(text, "vmgrid kvm verdict 1\n");
        StringAssert.Contains(text, "\nboot 6542acb1-c725-4f15-96d5-8a909e32de76\nkernel 6.18.44-fc-v1300\ndevice " + _device + " ");
        Assert.IsEmpty(Directory.GetFiles(Path.GetDirectoryName(_file)!, ".tmp-*"));
    }

    [TestMethod]
    public void Read_AnotherBoot_Null()
    {
        Cache().Write(Reason);

        SetBoot("00000000-0000-0000-0000-000000000001");

        Assert.IsNull(Cache().Read());
    }

    [TestMethod]
    public void Read_AnotherKernel_Null()
    {
        Cache().Write(Reason);

        File.WriteAllText(Path.Combine(_proc, "sys", "kernel", "osrelease"), "6.19.0\n");

        Assert.IsNull(Cache().Read());
    }

    [TestMethod]
    public void Read_DeviceNodeRecreated_Null()
    {
        // A reloaded kvm module re-creates /dev/kvm: a new inode and status-change time.
        Cache().Write(Reason);

        File.Delete(_device);
        File.WriteAllText(Path.Combine(_dir, "other"), string.Empty);
        File.WriteAllText(_device, string.Empty);

        Assert.IsNull(Cache().Read());
    }

    [TestMethod]
    public void Read_DevicePermissionsChanged_Null()
    {
        Cache().Write(Reason);
        Thread.Sleep(20);

        File.SetUnixFileMode(_device, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite);

        Assert.IsNull(Cache().Read());
    }

    [TestMethod]
    public void Read_DeviceGone_Null()
    {
        Cache().Write(Reason);

        File.Delete(_device);

        Assert.IsNull(Cache().Read());
    }

    [TestMethod]
    public void Read_NoBootId_NullAndWriteKeepsNothing()
    {
        File.Delete(Path.Combine(_proc, "sys", "kernel", "random", "boot_id"));

        Cache().Write(Reason);

        Assert.IsNull(Cache().Read());
        Assert.IsFalse(File.Exists(_file));
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("garbage\n")]
    [DataRow("vmgrid kvm verdict 0\nprobe 64 loops\ntcg old\n")]
    public void Read_ForeignOrCorruptFile_NullThenReplacedByWrite(string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_file)!);
        File.WriteAllText(_file, content);

        Assert.IsNull(Cache().Read());

        Cache().Write(Reason);
        Assert.AreEqual(Reason, Cache().Read());
    }

    [TestMethod]
    public void Read_TornFile_Null()
    {
        Cache().Write(Reason);
        var text = File.ReadAllText(_file);

        File.WriteAllText(_file, text[..^10]);

        Assert.IsNull(Cache().Read());
    }

    [TestMethod]
    public void Read_KeyRightButVerdictLineWrong_Null()
    {
        Cache().Write(Reason);
        var text = File.ReadAllText(_file);

        File.WriteAllText(_file, text.Replace("\ntcg ", "\nkvm ", StringComparison.Ordinal));
        Assert.IsNull(Cache().Read());

        File.WriteAllText(_file, text + "tcg a second verdict\n");
        Assert.IsNull(Cache().Read());
    }

    [TestMethod]
    public void Read_OversizedFile_NullWithoutReadingIt()
    {
        Cache().Write(Reason);
        var text = File.ReadAllText(_file);

        File.WriteAllText(_file, text[..^1] + new string('x', 5000) + "\n");

        Assert.IsNull(Cache().Read());
    }

    [TestMethod]
    public void Write_ReasonWithLineBreaks_KeptOnOneLine()
    {
        Cache().Write("first\nsecond");

        Assert.AreEqual("first second", Cache().Read());
    }

    [TestMethod]
    public void Write_CacheRootIsAFile_NothingKeptNoThrow()
    {
        var blocked = Path.Combine(_dir, "blocked");
        File.WriteAllText(blocked, string.Empty);
        var cache = new KvmVerdictCache(KvmVerdictCache.PathUnder(blocked), _device, _proc);

        cache.Write(Reason);

        Assert.IsNull(cache.Read());
    }
}
