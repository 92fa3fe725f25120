using VmMiddleware.Host.Processes;
using VmMiddleware.Qemu.Installation;
using VmMiddleware.Translation.Staging;

namespace VmMiddleware.Translation.Tests.Staging;

[TestClass]
public sealed class ShippedArtifactsTests
{
    [TestMethod]
    public async Task WriteIntoAsync_GuestMissing_FailsBeforePackingQemu()
    {
        var directory = Directory.CreateTempSubdirectory("vmgrid-artifacts-").FullName;
        try
        {
            var progress = new List<string>();
            var searchPath = new[] { "/usr/bin", "/bin" };
            var runner = new ProcessRunner(new ProcessRunnerOptions { SearchPath = searchPath });
            var artifacts = new ShippedArtifacts
            {
                GuestDirectory = "/nonexistent/guest",
                GuestLocator = new GuestLocator(new GuestLocatorOptions { ProgramDirectory = directory, CurrentDirectory = directory, CacheRoot = directory, Runner = runner }),
                Runner = runner,
                SearchPath = searchPath,
            };

            var e = await Assert.ThrowsExactlyAsync<JobStagingException>(() => artifacts.WriteIntoAsync(directory, needsGuest: true, progress.Add, CancellationToken.None));

            StringAssert.StartsWith(e.Message, "--guest: ");
            Assert.IsFalse(progress.Any(line => line.StartsWith("packing", StringComparison.Ordinal)), string.Join("\n", progress));
            Assert.IsEmpty(Directory.GetFileSystemEntries(directory));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
