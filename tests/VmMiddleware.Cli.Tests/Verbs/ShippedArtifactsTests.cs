using VmMiddleware.Cli.Verbs;

namespace VmMiddleware.Cli.Tests.Verbs;

[TestClass]
public sealed class ShippedArtifactsTests
{
    [TestMethod]
    public void WriteInto_GuestMissing_FailsBeforePackingQemu()
    {
        var directory = Directory.CreateTempSubdirectory("vmgrid-artifacts-").FullName;
        try
        {
            var progress = new List<string>();
            var artifacts = new ShippedArtifacts(Launcher: null, Bundle: null, GuestDirectory: "/nonexistent/guest");

            var e = Assert.ThrowsExactly<UserErrorException>(() => artifacts.WriteInto(directory, needsGuest: true, progress.Add));

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
