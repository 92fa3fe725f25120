using System.Diagnostics;
using VmMiddleware.Integration.Tests.Support;

namespace VmMiddleware.Integration.Tests.Gram;

/// <summary>The RSL vmgrid translate writes, run for real as on a site gateway: vmgrid submit --to rsl hands it to globusrun, a GRAM5 job manager with the project's jobmanager-vm adapter stages in the published launcher, the QEMU bundle and the guest, the launcher boots the VM, and the outputs come back through file_stage_out.</summary>
[TestClass]
[TestCategory("Gram")]
public sealed class GramTranslatedJobTests
{
    private static GramRig? rig;

    private static GramRig Rig => rig ?? throw new InvalidOperationException("the rig did not start");

    [ClassInitialize]
    public static void StartRig(TestContext context) => rig = GramRig.Start("vm");

    [ClassCleanup]
    public static void StopRig() => rig?.Dispose();

    [TestMethod]
    public async Task SubmitRsl_HelloWorkUnit_RunsInTheVmAndStagesSumBack()
    {
        var launcher = await PublishedLauncher.PathAsync();
        var guest = await GuestArtifacts.DirectoryAsync();
        var job = Path.Combine(Rig.NewWorkDirectory("translated"), "hello-rsl");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "vmgrid.dll"), "submit", Path.Combine(QemuEnvironment.Examples, "hello.workunit.xml"), "--to", "rsl", "--wait",
            "--contact", Rig.Contact, "-o", job, "--launcher", launcher, "--qemu-bundle", BuiltBundle.Archive, "--guest", guest,
        })
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in Rig.Environment)
        {
            info.Environment[name] = value;
        }

        info.Environment.Remove("VMMIDDLEWARE_GUEST");
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(10));
        var log = $"{await stdout}\n{await stderr}";

        Assert.AreEqual(0, process.ExitCode, log);
        Assert.AreEqual("count=8\nsum=31\nmean=3.875\n", File.ReadAllText(Path.Combine(job, "out", "sum.txt")), log);
        Assert.AreEqual("hello from the reference guest: sum=31\n", File.ReadAllText(Path.Combine(job, "out", "stdout")), log);
        StringAssert.Contains(File.ReadAllText(Path.Combine(job, "vmgrid.stderr")), "Succeeded: the command exited 0");
    }

    [TestMethod]
    public async Task SubmitRsl_WithoutWait_ReturnsTheContactAtOnceAndStatusFollowsItToCompleted()
    {
        var launcher = await PublishedLauncher.PathAsync();
        var guest = await GuestArtifacts.DirectoryAsync();
        var work = Rig.NewWorkDirectory("batch");
        var job = Path.Combine(work, "hello-rsl");
        var catalogue = new Dictionary<string, string> { ["VMMIDDLEWARE_CATALOGUE"] = Path.Combine(work, "jobs.db") };

        var (exit, stdout, stderr) = await VmgridAsync(catalogue, "submit", Path.Combine(QemuEnvironment.Examples, "hello.workunit.xml"), "--to", "rsl",
            "--contact", Rig.Contact, "-o", job, "--launcher", launcher, "--qemu-bundle", BuiltBundle.Archive, "--guest", guest);

        Assert.AreEqual(0, exit, stdout + stderr);
        var match = System.Text.RegularExpressions.Regex.Match(stdout, @"^job (hello-[0-9a-f]{8}): hello submitted --to rsl; GRAM job (https://\S+); job directory ");
        Assert.IsTrue(match.Success, stdout);
        var state = string.Empty;
        var seen = new List<(string Native, string State)>();
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromMinutes(10))
        {
            // By the GRAM job contact: the catalogue knows it as the job's handle.
            var status = await VmgridAsync(catalogue, "status", match.Groups[2].Value, "--json");
            Assert.AreEqual(0, status.ExitCode, status.Stdout + status.Stderr);
            var report = System.Text.Json.Nodes.JsonNode.Parse(status.Stdout)!["status"]!;
            state = report["state"]!.GetValue<string>();
            var native = report["native"]?.GetValue<string>() ?? "-";
            if (seen.Count == 0 || seen[^1] != (native, state))
            {
                seen.Add((native, state));
            }

            if (report["isFinal"]!.GetValue<bool>())
            {
                break;
            }

            await Task.Delay(500);
        }

        var trace = string.Join(" -> ", seen.Select(s => $"{s.Native} ({s.State})"));
        Console.WriteLine("vmgrid status saw: " + trace);
        Assert.AreEqual("completed", state, trace);
        // The job manager only moves forward. jobmanager-vm keeps the work unit PENDING until its guest runs, but this short
        // guest may be ACTIVE for less than one poll: GramVmAdapterTests and GatewaySubmitTests show each state for certain.
        string[] order = ["GRAM UNSUBMITTED", "GRAM STAGE_IN", "GRAM PENDING", "GRAM ACTIVE", "GRAM STAGE_OUT", "GRAM DONE"];
        var ranks = seen.Select(s => Array.IndexOf(order, s.Native)).ToList();
        Assert.IsTrue(ranks.All(r => r >= 0) && ranks.Zip(ranks.Skip(1)).All(p => p.First <= p.Second), trace);
        Assert.IsTrue(seen.All(s => s.State == (Array.IndexOf(order, s.Native) switch { <= 2 => "idle", <= 4 => "running", _ => "completed" })), trace);
        Assert.AreEqual(("GRAM DONE", "completed"), seen[^1], trace);
        Assert.AreEqual("count=8\nsum=31\nmean=3.875\n", File.ReadAllText(Path.Combine(job, "out", "sum.txt")));
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> VmgridAsync(IReadOnlyDictionary<string, string> extra, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "vmgrid.dll"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in Rig.Environment.Concat(extra))
        {
            info.Environment[name] = value;
        }

        info.Environment.Remove("VMMIDDLEWARE_GUEST");
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(10));
        return (process.ExitCode, await stdout, await stderr);
    }
}
