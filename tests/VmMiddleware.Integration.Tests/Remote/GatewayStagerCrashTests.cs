using System.Security.Cryptography;
using VmMiddleware.Integration.Tests.Store;
using VmMiddleware.Remote.Transfer;
using VmMiddleware.Store;
using VmMiddleware.Store.Faults;

namespace VmMiddleware.Integration.Tests.Remote;

/// <summary>SIGKILL of the gateway-side stage (<c>vmgrid job stage</c>'s <see cref="GatewayStager"/>, run by tests/VmMiddleware.StoreCrashHelper) at each crash point of its commits and of its trim: the next open finds the gateway's store consistent, and staging the same job again (or the job directory the stage finished) holds the right contents.</summary>
[TestClass]
[TestCategory("Integration")]
public sealed class GatewayStagerCrashTests
{
    [TestMethod]
    [DataRow(CrashPoints.CommitRenamed, 1, false)]
    [DataRow(CrashPoints.CommitRenamed, 2, false)]
    [DataRow(CrashPoints.CommitRecorded, 1, false)]
    [DataRow(CrashPoints.CommitRecorded, 2, false)]
    [DataRow(CrashPoints.RemoveObjectDeleted, 1, true)]
    [DataRow(CrashPoints.RemoveEntryRemoved, 1, true)]
    public async Task Stage_KilledAtCrashPoint_StoreConsistentAndTheJobStagesWhole(string point, int occurrence, bool built)
    {
        var root = Directory.CreateTempSubdirectory("vmgrid-gwcrash-").FullName;
        try
        {
            var old = Upload(root, 3000);
            Assert.IsNotNull((await StageAsync(root, "old", 1L << 30, old)).Directory);
            var (a, b) = (Upload(root, 2000), Upload(root, 2000));
            var spec = $"new 5000 {a.Format()} {b.Format()}";

            await StoreCrashRun.KillAtAsync("gateway", "stage", root, spec, point, occurrence);

            var store = await ContentStore.OpenAsync(GatewayStore.Options(root, TimeProvider.System));
            Assert.AreEqual(0, store.Check().Count, point + ": " + string.Join("; ", store.Check()));
            var job = Path.Combine(root, "jobs", "new");
            if (built)
            {
                Assert.IsTrue(Directory.Exists(job), "the trim runs after the job directory is in place");
            }
            else
            {
                Assert.IsFalse(Directory.Exists(job));
                foreach (var file in new[] { a, b }.Where(f => store.Find(f.Sha256) is null && !File.Exists(Path.Combine(root, "partial", f.Sha256))))
                {
                    Assert.Fail($"{point}: {file.RelativePath} is neither stored nor still uploaded; a kill after the hash check must keep it");
                }

                var again = await StageAsync(root, "new", 5000, a, b);
                Assert.AreEqual(job, again.Directory, point);
            }

            Assert.AreEqual(a.Sha256, Sha(Path.Combine(job, a.RelativePath)));
            Assert.AreEqual(b.Sha256, Sha(Path.Combine(job, b.RelativePath)));
            Assert.AreEqual(old.Sha256, Sha(Path.Combine(root, "jobs", "old", old.RelativePath)));
            Assert.AreEqual(0, (await ContentStore.OpenAsync(GatewayStore.Options(root, TimeProvider.System))).Check().Count);
        }
        finally
        {
            foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            Directory.Delete(root, recursive: true);
        }
    }

    private static StageFile Upload(string root, int length)
    {
        var bytes = RandomNumberGenerator.GetBytes(length);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        Directory.CreateDirectory(Path.Combine(root, "partial"));
        File.WriteAllBytes(Path.Combine(root, "partial", sha), bytes);
        return new StageFile(sha[..8] + ".bin", sha, false);
    }

    private static Task<StageResult> StageAsync(string root, string id, long cap, params StageFile[] files) =>
        GatewayStager.StageAsync(GatewayStore.Options(root, TimeProvider.System), cap, id, files, CancellationToken.None);

    private static string Sha(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
}
