using System.Diagnostics;
using VmMiddleware.Qemu.Installation;

namespace VmMiddleware.Integration.Tests.Installation;

[TestClass]
[TestCategory("Integration")]
public sealed class AcceleratorProbeTests
{
    [TestMethod]
    public async Task ChooseAsync_ThisHost_AgreesWithAFreshProbeAndKeepsOnlyATooSlowVerdict()
    {
        // No skip without /dev/kvm: then all three answers are "does not exist" and nothing is kept.
        var cacheRoot = Directory.CreateTempSubdirectory("vmgrid-it-accel-").FullName;
        try
        {
            var (works, reason, lasting) = KvmProbe.Verdict("/dev/kvm", KvmProbe.Budget, KvmProbe.Deadline);

            var first = await new AcceleratorProbe(cacheRoot).ChooseAsync(CancellationToken.None);
            var clock = Stopwatch.StartNew();
            var second = await new AcceleratorProbe(cacheRoot).ChooseAsync(CancellationToken.None);
            var secondTime = clock.Elapsed;

            var expected = works ? Accelerator.Kvm : Accelerator.Tcg;
            Assert.AreEqual(expected, first.Accelerator, $"fresh probe: {reason}; first choice: {first.Reason}");
            Assert.AreEqual(expected, second.Accelerator, second.Reason);
            Assert.IsFalse(first.FromCache, first.Reason);
            var kept = KvmVerdictCache.PathUnder(cacheRoot);
            Assert.AreEqual(lasting, File.Exists(kept), $"fresh probe: {reason}");
            if (lasting)
            {
                // This project's machine: KVM opens but runs guest code ~1000x slower than hardware.
                StringAssert.StartsWith(first.Reason, "KVM does not work here: KVM runs guest code far too slowly: ");
                StringAssert.Contains(first.Reason, "ms of CPU time");
                Assert.IsTrue(second.FromCache, second.Reason);
                StringAssert.Contains(second.Reason, $"(kept in {kept} by an earlier probe in this boot)");
                Assert.AreEqual(first.Reason, second.Reason[..first.Reason.Length]);
                Console.WriteLine($"probed: {first.Reason}\nkept, {secondTime.TotalMilliseconds:0.0} ms: {second.Reason}");
            }
            else
            {
                Assert.IsFalse(second.FromCache, second.Reason);
            }
        }
        finally
        {
            Directory.Delete(cacheRoot, recursive: true);
        }
    }
}
