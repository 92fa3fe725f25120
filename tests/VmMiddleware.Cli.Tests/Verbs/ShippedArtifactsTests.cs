using VmMiddleware.Cli.Settings;
using VmMiddleware.Cli.Verbs;

namespace VmMiddleware.Cli.Tests.Verbs;

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
            var settings = VmgridSettings.FromEnvironment(new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" }, directory);
            var artifacts = new ShippedArtifacts(Launcher: null, Bundle: null, GuestDirectory: "/nonexistent/guest", settings);

            var e = await Assert.ThrowsExactlyAsync<UserErrorException>(() => artifacts.WriteIntoAsync(directory, needsGuest: true, progress.Add, CancellationToken.None));

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
