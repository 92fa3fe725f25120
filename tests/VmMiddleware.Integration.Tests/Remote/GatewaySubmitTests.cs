using System.Text.Json.Nodes;

namespace VmMiddleware.Integration.Tests.Remote;

/// <summary>vmgrid submit --gateway to a real sshd on 127.0.0.1, running the work unit there through the launcher and through the GRAM5 personal gatekeeper; status follows it, fetch brings the outputs back, cancel stops the VM.</summary>
[TestClass]
[TestCategory("Gram")]
public sealed class GatewaySubmitTests
{
    private static GatewayJobRig? rig;

    private static GatewayJobRig Rig => rig ?? throw new InvalidOperationException("the rig did not start");

    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(10);

    [ClassInitialize]
    public static void Start(TestContext context) => rig = GatewayJobRig.StartAsync().GetAwaiter().GetResult();

    [ClassCleanup]
    public static void Stop()
    {
        if (rig is not null)
        {
            // A test that failed half-way may leave a job's VM running: none outlives the class.
            QemuEnvironment.WaitForNoQemu(rig.GatewayHome, TimeSpan.Zero);
            foreach (var pid in new[] { "gramsleeper", "gramblocker", "gramhello", "fail" }.SelectMany(QemuOfWorkUnit))
            {
                QemuEnvironment.Signal(pid, "KILL");
            }

            rig.Dispose();
        }
    }

    [TestMethod]
    public void SubmitLocal_Hello_CompletesFetchesThenASecondJobUploadsUnderOnePercentAndCancelLeavesNoQemu()
    {
        var hello = Rig.WorkUnit("hello", "awk '{ s += $1 } END { print \"sum=\" s }' in/numbers.txt > out/sum.txt; echo done", true, "sum.txt");
        var first = Path.Combine(Rig.Laptop.Directory, "hello-job");
        // Each proxy stays up for the test: the catalogue remembers the address a job was submitted through.
        using var firstProxy = new TcpProxy(Rig.Ssh.Port);
        var (firstExit, firstOut, firstErr) = Rig.Submit(hello, "local", ".cache/vmmiddleware/gw-local", firstProxy.Port, first);
        Assert.AreEqual(0, firstExit, firstOut + firstErr);
        var submitted = JsonNode.Parse(firstOut)!.AsObject();
        var firstBytes = firstProxy.SentBytes;

        var id = submitted["id"]!.GetValue<string>();
        StringAssert.StartsWith(id, $"{Environment.UserName}@127.0.0.1:");
        StringAssert.Contains(id, "/hello-");
        var (_, last) = Rig.WaitFor(id, r => r["status"]!["isFinal"]!.GetValue<bool>(), JobTimeout);
        Assert.AreEqual("completed", GatewayJobRig.State(last), last.ToString());
        Assert.AreEqual(0, last["status"]!["exitCode"]!.GetValue<int>());

        var fetch = Rig.Laptop.Run("fetch", id);
        Assert.AreEqual(0, fetch.ExitCode, fetch.Stdout + fetch.Stderr);
        Assert.AreEqual("sum=31\n", File.ReadAllText(Path.Combine(first, "out", "sum.txt")));
        Assert.AreEqual("done\n", File.ReadAllText(Path.Combine(first, "out", "stdout")));

        // The same launcher, bundle and guest again: only the new work unit and small files travel.
        var sleeper = Rig.WorkUnit("sleeper", "echo started; sleep 600");
        using var secondProxy = new TcpProxy(Rig.Ssh.Port);
        var (secondExit, secondOut, secondErr) = Rig.Submit(sleeper, "local", ".cache/vmmiddleware/gw-local", secondProxy.Port, Path.Combine(Rig.Laptop.Directory, "sleeper-job"));
        Assert.AreEqual(0, secondExit, secondOut + secondErr);
        var secondBytes = secondProxy.SentBytes;
        var secondId = JsonNode.Parse(secondOut)!["id"]!.GetValue<string>();

        Assert.IsTrue(secondBytes < firstBytes / 100, $"the second job sent {secondBytes} bytes, the first {firstBytes}: expected under 1%");

        var remoteDirectory = Path.Combine(Rig.GatewayHome, ".cache/vmmiddleware/gw-local/jobs", secondId[(secondId.LastIndexOf('/') + 1)..]);
        Assert.IsTrue(Directory.Exists(remoteDirectory), remoteDirectory);
        Rig.WaitFor(secondId, r => GatewayJobRig.State(r) == "running" && QemuEnvironment.QemuPidsMentioning(remoteDirectory).Count > 0, JobTimeout);

        var cancel = Rig.Laptop.Run("cancel", secondId);

        Assert.AreEqual(0, cancel.ExitCode, cancel.Stdout + cancel.Stderr);
        StringAssert.Contains(cancel.Stdout, "removed");
        CollectionAssert.AreEqual(Array.Empty<int>(), QemuEnvironment.WaitForNoQemu(remoteDirectory, TimeSpan.FromSeconds(30)), "a QEMU of the cancelled job is still running");
        Assert.AreEqual("removed", GatewayJobRig.State(Rig.Status(secondId)));

        var list = Rig.Laptop.Run("status");
        Assert.AreEqual(0, list.ExitCode, list.Stderr);
        StringAssert.Contains(list.Stdout, id + "  completed (exit code 0)");
        StringAssert.Contains(list.Stdout, secondId + "  removed");
    }

    [TestMethod]
    public void SubmitRsl_DroppedMidUpload_ResumesWithoutResendingAndAFailingCommandEndsFailedWithItsExitCode()
    {
        var fail = Rig.WorkUnit("fail", "echo \"read $(wc -l < in/numbers.txt) lines\" > out/partial.txt; echo giving up >&2; exit 3", true, "partial.txt");
        var local = Path.Combine(Rig.Laptop.Directory, "fail-job");
        const string root = ".cache/vmmiddleware/gw-drop";
        long cutBytes;
        using (var cutting = new TcpProxy(Rig.Ssh.Port, cutAfter: 8L << 20))
        {
            var (exit, stdout, stderr) = Rig.Submit(fail, "rsl", root, cutting.Port, local);
            Assert.AreEqual(1, exit, stdout + stderr);
            Assert.IsTrue(cutting.Cut, "the proxy should have cut the upload");
            var message = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith("vmgrid: upload:", StringComparison.Ordinal) && !l.Contains("connected to", StringComparison.Ordinal) && !l.Contains("packing", StringComparison.Ordinal) && !l.Contains("hashing", StringComparison.Ordinal)).ToList();
            Assert.AreEqual(1, message.Count, stderr);
            StringAssert.Contains(message[0], "was lost while uploading");
            StringAssert.Contains(message[0], "run the same command again to resume");
            cutBytes = cutting.SentBytes;
        }

        var partial = Directory.GetFiles(Path.Combine(Rig.GatewayHome, root, "partial")).Sum(f => new FileInfo(f).Length);
        Assert.IsTrue(partial > 1 << 20, $"the gateway should keep what arrived; it holds {partial} bytes of partial uploads");

        using var proxy = new TcpProxy(Rig.Ssh.Port);
        var (resumeExit, resumeOut, resumeErr) = Rig.Submit(fail, "rsl", root, proxy.Port, local);
        Assert.AreEqual(0, resumeExit, resumeOut + resumeErr);
        var submitted = JsonNode.Parse(resumeOut)!.AsObject();
        var resumeBytes = proxy.SentBytes;

        var upload = submitted["upload"]!;
        var total = upload["totalBytes"]!.GetValue<long>();
        Assert.AreEqual(partial, upload["resumedBytes"]!.GetValue<long>(), upload.ToString());
        Assert.AreEqual(total, upload["sentBytes"]!.GetValue<long>() + upload["resumedBytes"]!.GetValue<long>() + upload["presentBytes"]!.GetValue<long>(), upload.ToString());
        Assert.IsTrue(resumeBytes < total - partial + (1 << 20), $"the second submit sent {resumeBytes} bytes; the job is {total} bytes of which {partial} had arrived");
        Assert.IsTrue(cutBytes + resumeBytes < total + (4 << 20), $"both submits sent {cutBytes} + {resumeBytes} bytes for {total}: something was sent twice");

        var id = submitted["id"]!.GetValue<string>();
        StringAssert.StartsWith(submitted["gramJob"]!.GetValue<string>(), "https://");
        var (seen, last) = Rig.WaitFor(id, r => r["status"]!["isFinal"]!.GetValue<bool>(), JobTimeout);
        Assert.AreEqual("failed", GatewayJobRig.State(last), last.ToString());
        Assert.AreEqual(3, last["status"]!["exitCode"]!.GetValue<int>(), last.ToString());
        Assert.AreEqual(("GRAM DONE", "failed"), seen[^1], GatewayJobRig.Trace(seen));

        var fetch = Rig.Laptop.Run("fetch", id, "-o", Path.Combine(Rig.Laptop.Directory, "fail-out"));
        Assert.AreEqual(0, fetch.ExitCode, fetch.Stdout + fetch.Stderr);
        Assert.AreEqual("read 8 lines\n", File.ReadAllText(Path.Combine(Rig.Laptop.Directory, "fail-out", "partial.txt")));
        Assert.AreEqual("giving up\n", File.ReadAllText(Path.Combine(Rig.Laptop.Directory, "fail-out", "stderr")));
    }

    [TestMethod]
    public void SubmitRsl_Hello_StatusFollowsPendingActiveDoneAndFetchResumes()
    {
        // The gateway runs one VM at a time: while another GRAM job's guest runs, hello waits PENDING, so what vmgrid
        // status sees does not depend on how fast a guest boots.
        var blocker = Rig.WorkUnit("gramblocker", "echo started; sleep 600");
        var (blockerExit, blockerOut, blockerErr) = Rig.Submit(blocker, "rsl", ".cache/vmmiddleware/gw-rsl", Rig.Ssh.Port, Path.Combine(Rig.Laptop.Directory, "gramblocker-job"));
        Assert.AreEqual(0, blockerExit, blockerOut + blockerErr);
        var blockerId = JsonNode.Parse(blockerOut)!["id"]!.GetValue<string>();
        Rig.WaitFor(blockerId, r => r["status"]!["native"]?.GetValue<string>() == "GRAM ACTIVE", JobTimeout);

        var hello = Rig.WorkUnit("gramhello", "awk '{ s += $1 } END { print \"sum=\" s }' in/numbers.txt > out/sum.txt; head -c 3000000 /dev/zero > out/zeros; sleep 8; echo done", true, "sum.txt", "zeros");
        var local = Path.Combine(Rig.Laptop.Directory, "gramhello-job");
        var (exit, stdout, stderr) = Rig.Submit(hello, "rsl", ".cache/vmmiddleware/gw-rsl", Rig.Ssh.Port, local);
        Assert.AreEqual(0, exit, stdout + stderr);
        var id = JsonNode.Parse(stdout)!["id"]!.GetValue<string>();
        var (waiting, _) = Rig.WaitFor(id, r => GatewayJobRig.State(r) != "idle" || r["status"]!["native"]?.GetValue<string>() == "GRAM PENDING", JobTimeout);
        Assert.AreEqual(("GRAM PENDING", "idle"), waiting[^1], GatewayJobRig.Trace(waiting));
        CollectionAssert.AreEqual(Array.Empty<int>(), QemuOfWorkUnit("gramhello"), "hello's VM runs beyond the gateway's limit");
        var cancel = Rig.Laptop.Run("cancel", blockerId);
        Assert.AreEqual(0, cancel.ExitCode, cancel.Stdout + cancel.Stderr);

        var (rest, last) = Rig.WaitFor(id, r => r["status"]!["isFinal"]!.GetValue<bool>(), JobTimeout);

        var all = waiting.Concat(rest).ToList();
        var seen = all.Where((s, i) => i == 0 || all[i - 1] != s).ToList();
        var trace = GatewayJobRig.Trace(seen);
        Console.WriteLine("vmgrid status saw: " + trace);
        string[] order = ["GRAM UNSUBMITTED", "GRAM STAGE_IN", "GRAM PENDING", "GRAM ACTIVE", "GRAM STAGE_OUT", "GRAM DONE"];
        var ranks = seen.Select(s => Array.IndexOf(order, s.Native)).ToList();
        Assert.IsTrue(ranks.All(r => r >= 0) && ranks.Zip(ranks.Skip(1)).All(p => p.First <= p.Second), trace);
        CollectionAssert.IsSubsetOf(new[] { ("GRAM PENDING", "idle"), ("GRAM ACTIVE", "running"), ("GRAM DONE", "completed") }, seen, trace);
        Assert.AreEqual(("GRAM DONE", "completed"), seen[^1], trace);
        Assert.AreEqual(0, last["status"]!["exitCode"]!.GetValue<int>());

        // A fetch cut short leaves NAME.vmgrid-partial; the next one continues from its length.
        Directory.CreateDirectory(Path.Combine(local, "out"));
        File.WriteAllBytes(Path.Combine(local, "out", "zeros.vmgrid-partial"), new byte[1_000_000]);
        var fetch = Rig.Laptop.Run("fetch", id, "--json");
        Assert.AreEqual(0, fetch.ExitCode, fetch.Stdout + fetch.Stderr);
        var fetched = JsonNode.Parse(fetch.Stdout)!;
        Assert.AreEqual(1_000_000, fetched["resumedBytes"]!.GetValue<long>(), fetch.Stdout);
        Assert.AreEqual(fetched["totalBytes"]!.GetValue<long>() - 1_000_000, fetched["receivedBytes"]!.GetValue<long>(), fetch.Stdout);
        Assert.AreEqual("sum=31\n", File.ReadAllText(Path.Combine(local, "out", "sum.txt")));
        Assert.AreEqual(3_000_000, new FileInfo(Path.Combine(local, "out", "zeros")).Length);
        Assert.IsFalse(File.Exists(Path.Combine(local, "out", "zeros.vmgrid-partial")));

        var again = Rig.Laptop.Run("fetch", id, "--json");
        Assert.AreEqual(0, JsonNode.Parse(again.Stdout)!["receivedBytes"]!.GetValue<long>(), "a second fetch has nothing to receive");
    }

    private static List<int> QemuOfWorkUnit(string name)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var environ = File.ReadAllText(Path.Combine(dir, "environ"));
                var arguments = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0');
                var workDir = Array.IndexOf(arguments, "--work-dir");
                if (environ.Split('\0').Contains("VMMIDDLEWARE_WORKUNIT=" + name) && arguments.Contains("run") && workDir > 0 && workDir + 1 < arguments.Length)
                {
                    return QemuEnvironment.QemuPidsMentioning(arguments[workDir + 1]);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile, or not ours to read.
            }
        }

        return [];
    }

    [TestMethod]
    public void CancelRsl_RunningGramJob_StopsTheVmWithNoQemuLeft()
    {
        var sleeper = Rig.WorkUnit("gramsleeper", "echo started; sleep 600");
        var (exit, stdout, stderr) = Rig.Submit(sleeper, "rsl", ".cache/vmmiddleware/gw-cancel", Rig.Ssh.Port, Path.Combine(Rig.Laptop.Directory, "gramsleeper-job"));
        Assert.AreEqual(0, exit, stdout + stderr);
        var id = JsonNode.Parse(stdout)!["id"]!.GetValue<string>();
        // The job manager runs the job in a scratch directory under the mapped user's passwd home: find it through the
        // launcher whose environment names this work unit (the RSL sets VMMIDDLEWARE_WORKUNIT).
        var qemu = new List<int>();
        Rig.WaitFor(id, r => r["status"]!["native"]?.GetValue<string>() == "GRAM ACTIVE" && (qemu = QemuOfWorkUnit("gramsleeper")).Count > 0, JobTimeout);

        var cancel = Rig.Laptop.Run("cancel", id);

        Assert.AreEqual(0, cancel.ExitCode, cancel.Stdout + cancel.Stderr);
        StringAssert.Contains(cancel.Stdout, "removed");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (qemu.Any(QemuEnvironment.IsRunning) && watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            Thread.Sleep(200);
        }

        CollectionAssert.AreEqual(Array.Empty<int>(), qemu.Where(QemuEnvironment.IsRunning).ToArray(), "a QEMU of the cancelled GRAM job is still running");
        Assert.AreEqual("removed", GatewayJobRig.State(Rig.Status(id)));
    }
}
