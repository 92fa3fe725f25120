using System.Runtime.Versioning;
using System.Text.Json;
using VmMiddleware.Integration.Tests.Support;
using VmMiddleware.Qemu.Bundle;

namespace VmMiddleware.Integration.Tests.Publishing;

/// <summary>
/// The published (Native AOT) vmgrid runs on a "host" without .NET and without /usr: a root holding
/// only busybox, the base system libraries ldd names for vmgrid (glibc), OpenSSL's
/// libssl.so.3 and libcrypto.so.3 (.NET hashes through OpenSSL; without it SHA-256 aborts with "No
/// usable version of libssl was found"; HTCondor itself needs OpenSSL, so its execute hosts have
/// it), and /proc (the launcher reads process identities there). With the QEMU bundle and the guest files
/// copied in, it runs the README's hello work unit end to end as uid 65534.
/// </summary>
[TestClass]
[TestCategory("Integration")]
[SupportedOSPlatform("linux")]
public sealed class PublishedLauncherTests
{
    [TestMethod]
    public async Task PublishedVmgrid_InRootWithoutDotnetOrUsr_PrintsHelpAndEvaluatesClassAds()
    {
        using var root = await LauncherRootAsync();

        var help = await root.RunAsync(["/bin/vmgrid", "--help"], withProc: true);
        var eval = await root.RunAsync(["/bin/vmgrid", "classad", "eval"], stdin: "1 + 2\n3 / 2.0\nundefined || true\n", withProc: true);

        Assert.AreEqual(0, help.ExitCode, help.ToString());
        foreach (var verb in new[] { "classad", "bundle", "cache" })
        {
            StringAssert.Contains(help.Stdout, verb, help.ToString());
        }

        Assert.AreEqual(0, eval.ExitCode, eval.ToString());
        Assert.AreEqual("3\n1.500000000000000E+00\ntrue\n", eval.Stdout.ReplaceLineEndings("\n"));
        var dotnet = await root.RunAsync(["/bin/sh", "-c", "ls -d /usr /usr/share/dotnet /usr/bin/dotnet 2>/dev/null; command -v dotnet; echo end"], withProc: true);
        Assert.AreEqual("end", dotnet.Stdout.Trim(), "no .NET and no /usr in the root: " + dotnet);
    }

    [TestMethod]
    public async Task PublishedVmgrid_InRoot_ExtractsQemuBundleAndCachesLayerWithBundledQemuImg()
    {
        using var root = await LauncherRootAsync();
        File.Copy(BuiltBundle.Archive, root.At("job/qemu.tar.gz"));
        await File.WriteAllBytesAsync(root.At("job/base.raw"), new byte[1 << 20]);
        var layer = await ToolRun.RunAsync(RequiredTool.Find("qemu-img"), ["create", "-q", "-f", "qcow2", "-b", "base.raw", "-F", "raw", root.At("job/top.qcow2")], inheritEnvironment: true);
        Assert.AreEqual(0, layer.ExitCode, layer.ToString());

        var extract = await root.RunAsync(["/bin/vmgrid", "bundle", "extract", "/job/qemu.tar.gz", "-d", "/tmp/qemu"], withProc: true);
        var addBase = await root.RunAsync(["/bin/vmgrid", "cache", "images", "add", "/job/base.raw", "--root", "/tmp/cache", "--qemu-bundle", "/tmp/qemu"], withProc: true);
        var addTop = await root.RunAsync(["/bin/vmgrid", "cache", "images", "add", "/job/top.qcow2", "--root", "/tmp/cache", "--qemu-bundle", "/tmp/qemu", "--json"], withProc: true);
        var bad = await root.RunAsync(["/bin/vmgrid", "cache", "images", "evict", "not-an-id", "--root", "/tmp/cache"], withProc: true);

        Assert.AreEqual(0, extract.ExitCode, extract.ToString());
        StringAssert.Contains(extract.Stdout, "\"binary\": \"/tmp/qemu/bin/qemu-system-x86_64\"");
        Assert.AreEqual(0, addBase.ExitCode, addBase.ToString());
        Assert.AreEqual(0, addTop.ExitCode, addTop.ToString());
        var baseId = addBase.Stdout.Split(' ')[0];
        using var top = JsonDocument.Parse(addTop.Stdout);
        Assert.AreEqual(baseId, top.RootElement.GetProperty("backing").GetString(), "the bundled qemu-img found the layer's backing file inside the root");
        Assert.AreEqual(1, bad.ExitCode, bad.ToString());
        Assert.AreEqual("vmgrid: 'not-an-id' is not a content id; expected sha256:<64 hex digits>", bad.Stderr.Trim());
    }

    [TestMethod]
    public async Task PublishedVmgrid_InRootAsNobody_RunsHelloWorkUnitWithBundledQemuAndGuest()
    {
        using var root = await LauncherRootAsync();
        QemuBundle.Extract(BuiltBundle.Archive, root.At("qemu"));
        await root.AddGuestAsync("guest");
        foreach (var name in new[] { "hello.workunit.xml", "numbers.txt" })
        {
            File.Copy(Path.Combine(RepoPaths.Root, "schemas", "examples", name), root.At("job/" + name));
        }

        var run = await root.RunAsync(
            ["/bin/vmgrid", "run", "/job/hello.workunit.xml", "--work-dir", "/tmp/work", "--guest", "/guest", "--qemu-bundle", "/qemu", "--json"],
            environment: new Dictionary<string, string> { ["VMMIDDLEWARE_CACHE"] = "/tmp/cache" },
            withProc: true,
            timeout: TimeSpan.FromSeconds(120));

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        Assert.AreEqual("count=8\nsum=31\nmean=3.875\n", File.ReadAllText(root.At("tmp/work/out/sum.txt")));
        Assert.AreEqual("hello from the reference guest: sum=31\n", File.ReadAllText(root.At("tmp/work/out/stdout")));
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.AreEqual("Succeeded", json.RootElement.GetProperty("outcome").GetString());
        Assert.AreEqual("tcg", json.RootElement.GetProperty("accelerator").GetString());
        var probe = await root.RunAsync(["/bin/sh", "-c", "stat -c %u /tmp/work/out/sum.txt; for t in qemu-system-x86_64 qemu-img mkfs.vfat mcopy dotnet; do command -v $t; done; echo end"], withProc: true);
        Assert.AreEqual("65534\nend", probe.Stdout.Trim(), "the outputs belong to nobody; no QEMU, dosfstools, mtools or .NET on PATH in the root: " + probe);
    }

    private static async Task<ExecuteHostRoot> LauncherRootAsync()
    {
        var vmgrid = await PublishedLauncher.PathAsync();
        var root = await ExecuteHostRoot.CreateAsync();
        File.Copy(vmgrid, root.At("bin/vmgrid"));
        await root.AddBaseSystemLibrariesForAsync(vmgrid);
        root.AddSystemLibraries("libssl.so.3", "libcrypto.so.3");
        return root;
    }
}
