using VmMiddleware.Qemu.Installation;

namespace VmMiddleware.Qemu.Tests.Installation;

[TestClass]
public sealed class KvmProbeTests
{
    [TestMethod]
    public void Verdict_RegularFileInsteadOfKvm_FailsNamingTheFirstIoctl()
    {
        var file = Path.GetTempFileName();
        try
        {
            var (works, reason, _) = KvmProbe.Verdict(file, KvmProbe.Budget, KvmProbe.Deadline);

            Assert.IsFalse(works);
            Assert.AreEqual("KVM_GET_API_VERSION failed (errno 25: ENOTTY)", reason);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [TestMethod]
    public void Verdict_NoSuchDevice_FailsNamingOpen()
    {
        var (works, reason, _) = KvmProbe.Verdict("/nonexistent/kvm", KvmProbe.Budget, KvmProbe.Deadline);

        Assert.IsFalse(works);
        Assert.AreEqual("open /nonexistent/kvm failed (errno 2: ENOENT)", reason);
    }
}
