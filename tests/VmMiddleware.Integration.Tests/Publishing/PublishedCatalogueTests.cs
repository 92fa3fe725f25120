using VmMiddleware.Integration.Tests.Support;

namespace VmMiddleware.Integration.Tests.Publishing;

/// <summary>The Native AOT vmgrid opens its SQLite job catalogue through the system's libsqlite3 (no native library travels with the single executable).</summary>
[TestClass]
[TestCategory("Integration")]
public sealed class PublishedCatalogueTests
{
    [TestMethod]
    public async Task PublishedVmgrid_Status_CreatesAndReadsItsSqliteCatalogue()
    {
        var vmgrid = await PublishedLauncher.PathAsync();
        using var dir = new TempDir();
        var catalogue = Path.Combine(dir.Path, "sub", "jobs.db");
        var environment = new Dictionary<string, string> { ["VMMIDDLEWARE_CATALOGUE"] = catalogue, ["HOME"] = dir.Path, ["PATH"] = "/usr/bin:/bin" };

        var list = await ToolRun.RunAsync(vmgrid, ["status", "--json"], environment: environment);
        var missing = await ToolRun.RunAsync(vmgrid, ["status", "nosuch"], environment: environment);

        Assert.AreEqual(0, list.ExitCode, list.ToString());
        Assert.AreEqual("[]", list.Stdout.Trim());
        CollectionAssert.AreEqual("SQLite format 3\0"u8.ToArray(), File.ReadAllBytes(catalogue)[..16]);
        Assert.AreEqual(1, missing.ExitCode, missing.ToString());
        StringAssert.StartsWith(missing.Stderr, "vmgrid: no job 'nosuch' in the catalogue");
    }
}
