using VmMiddleware.ClassAds.Printing;
using VmMiddleware.Integration.Tests.Support;
using VmMiddleware.Qemu.Launch;
using VmMiddleware.Submit;
using VmMiddleware.Submit.JobAds;
using VmMiddleware.Submit.Transforms;
using VmMiddleware.WorkUnits;

namespace VmMiddleware.Integration.Tests;

/// <summary>
/// Guests that do their own work (HTCondor's vm universe) under the real launcher and QEMU: one that never boots, one that
/// outlives its wall time, and the manual-form job run the way an execute host runs a transformed job (vmgrid run
/// --job-ad in the scratch directory the files were transferred to), evicted and resumed.
/// </summary>
[TestClass]
[TestCategory("Integration")]
public sealed class LauncherSelfRunningTests
{
    [TestMethod]
    public async Task Run_DiskWithNothingToBoot_NeverBootsAndSaysWhy()
    {
        // IDE, an IDE CD-ROM and SCSI: QEMU takes the devices (a bad device line would end it at once, QemuCrashed).
        using var dir = new TempDir();
        var disk = Path.Combine(dir.Path, "blank.img");
        File.WriteAllBytes(disk, new byte[1 << 20]);
        File.WriteAllBytes(Path.Combine(dir.Path, "blank.iso"), new byte[1 << 20]);
        File.WriteAllBytes(Path.Combine(dir.Path, "scratch.img"), new byte[1 << 20]);
        var unit = new WorkUnit
        {
            Name = "blank",
            Image = new ImageSpec(ImageKind.BootableDisk, ImageLocation.FromHostPath(disk), ImageFormat.Raw, device: "hda"),
            Disks =
            [
                new AttachedDisk(ImageLocation.FromHostPath(Path.Combine(dir.Path, "blank.iso")), "hdc", readOnly: true, ImageFormat.Raw),
                new AttachedDisk(ImageLocation.FromHostPath(Path.Combine(dir.Path, "scratch.img")), "sdb", format: ImageFormat.Raw),
            ],
            ReturnDisks = DiskReturn.Whole,
        };
        var work = Path.Combine(dir.Path, "work");

        var result = await QemuEnvironment.RunAsync(unit, work);

        Assert.AreEqual(LaunchOutcome.NeverBooted, result.Outcome, result.Reason + "\n" + result.ConsoleTail);
        Assert.AreEqual(LaunchExitCodes.NeverBooted, LaunchExitCodes.For(result));
        StringAssert.Contains(result.Reason, "before any console output or disk activity");
        Assert.AreEqual(0, result.ReturnedDisks.Count, "a guest that did not shut down on its own gives no modified disk back");
        Assert.IsFalse(File.Exists(Path.Combine(work, "blank.img")));
        Assert.AreEqual(0, QemuEnvironment.QemuPidsMentioning(work).Count);
    }

    [TestMethod]
    public async Task Run_GuestOutlivingItsWallTime_IsKilledWithExit124AndItsDeltaComesBackUnchanged()
    {
        using var dir = new TempDir();
        await SelfRunningGuest.WriteAsync(dir.Path, pauseSeconds: 3600);
        var unit = SumUnit(dir.Path) with { Limits = new Limits { WallTime = TimeSpan.FromSeconds(40) }, ReturnDisks = DiskReturn.Delta };
        var work = Path.Combine(dir.Path, "work");

        var result = await QemuEnvironment.RunAsync(unit, work);

        Assert.AreEqual(LaunchOutcome.TimedOut, result.Outcome, result.Reason + "\n" + result.ConsoleTail);
        Assert.AreEqual(124, LaunchExitCodes.For(result));
        StringAssert.Contains(File.ReadAllText(Path.Combine(work, "console.log")), "sum-guest: up");
        var delta = Path.Combine(work, "sum-root.img.delta");
        Assert.IsTrue(File.Exists(delta), "a delta always comes back, so a batch system listing it finds it");
        var applied = Path.Combine(dir.Path, "applied.img");
        await Qemu.Disks.DeltaApplier.ApplyAsync(delta, Path.Combine(dir.Path, "sum-root.img"), applied, QemuEnvironment.QemuImg, CancellationToken.None);
        Assert.IsNull(await SelfRunningGuest.ReadFileAsync(applied, "/sum.txt"), "the guest was killed: its disk comes back unchanged");
    }

    [TestMethod]
    public async Task Run_QemuKilledWhileTheGuestWorks_IsQemuCrashedAndNoDiskComesBack()
    {
        using var dir = new TempDir();
        await SelfRunningGuest.WriteAsync(dir.Path, pauseSeconds: 3600);
        var work = Path.Combine(dir.Path, "work");
        var run = QemuEnvironment.RunAsync(SumUnit(dir.Path) with { ReturnDisks = DiskReturn.Whole }, work);
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (!(File.Exists(Path.Combine(work, "console.log")) && File.ReadAllText(Path.Combine(work, "console.log")).Contains("sum-guest: up", StringComparison.Ordinal)))
        {
            Assert.IsTrue(DateTime.UtcNow < deadline && !run.IsCompleted, "the guest did not come up");
            await Task.Delay(200);
        }

        QemuEnvironment.Signal(QemuEnvironment.RecordedQemuPid(work)!.Value, "KILL");
        var result = await run.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.AreEqual(LaunchOutcome.QemuCrashed, result.Outcome, result.Reason);
        Assert.AreEqual(121, LaunchExitCodes.For(result));
        StringAssert.Contains(result.Reason, "QEMU died with signal 9 while the guest ran");
        Assert.IsFalse(File.Exists(Path.Combine(work, "sum-root.img")), "a killed guest's overlay may be inconsistent: nothing comes back");
    }

    [TestMethod]
    public async Task RunJobAd_TransformedVmJobEvictedAndResumed_ReplacesTheTransferredDiskWithTheResult()
    {
        // The execute side of a transformed job: the transferred files in the scratch directory, the starter's .job.ad.
        using var dir = new TempDir();
        await SelfRunningGuest.WriteAsync(dir.Path, pauseSeconds: 25);
        var text = File.ReadAllText(Path.Combine(QemuEnvironment.Examples, "vm-universe-sum.sub"))
            .Replace("vm_checkpoint           = false", "vm_checkpoint           = true", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(dir.Path, ".job.ad"), TransformedAd(text, dir.Path));

        var (first, stderr) = QemuEnvironment.StartCli("run", "--job-ad", Path.Combine(dir.Path, ".job.ad"), "--work-dir", dir.Path, "--transfer-dirs");
        QemuEnvironment.WaitForLine(stderr, "booted", TimeSpan.FromMinutes(3));
        await Task.Delay(TimeSpan.FromSeconds(3));
        QemuEnvironment.Signal(first.Id, "TERM");
        await first.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        Assert.AreEqual(LaunchExitCodes.Checkpointed, first.ExitCode, string.Join('\n', stderr));
        Assert.IsTrue(File.Exists(Path.Combine(dir.Path, "checkpoint", "manifest.json")));
        Assert.IsNull(await SelfRunningGuest.ReadFileAsync(Path.Combine(dir.Path, "sum-root.img"), "/sum.txt"));
        first.Dispose();

        var (second, stderr2) = QemuEnvironment.StartCli("run", "--job-ad", Path.Combine(dir.Path, ".job.ad"), "--work-dir", dir.Path, "--transfer-dirs");
        await second.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));

        Assert.AreEqual(0, second.ExitCode, string.Join('\n', stderr2));
        Assert.IsTrue(stderr2.Any(l => l.Contains("resuming the eviction checkpoint", StringComparison.Ordinal)), string.Join('\n', stderr2));
        Assert.AreEqual("31\n", await SelfRunningGuest.ReadFileAsync(Path.Combine(dir.Path, "sum-root.img"), "/sum.txt"), string.Join('\n', stderr2));
        Assert.IsTrue(Directory.Exists(Path.Combine(dir.Path, "out")) && Directory.Exists(Path.Combine(dir.Path, "checkpoint")), "--transfer-dirs leaves what HTCondor transfers back");
        second.Dispose();
    }

    private static WorkUnit SumUnit(string directory) => new()
    {
        Name = "sum",
        Image = new ImageSpec(ImageKind.BootableDisk, ImageLocation.FromHostPath(Path.Combine(directory, "sum-root.img")), ImageFormat.Raw, device: "vda"),
        Disks = [new AttachedDisk(ImageLocation.FromHostPath(Path.Combine(directory, "sum-input.img")), "vdb", readOnly: true, ImageFormat.Raw)],
        Kernel = new KernelBoot { Kernel = Path.Combine(directory, "vmlinux"), Initrd = Path.Combine(directory, "sum-initrd.cpio"), Root = "/dev/vda", Parameters = "console=ttyS0" },
    };

    // condor_submit's ad of the submit file, through the transform in condor-plugins/config, printed as the starter writes .job.ad.
    private static string TransformedAd(string submitText, string directory)
    {
        var ad = SubmitJobAd.Make(SubmitFile.ExpandText(submitText, "sum.sub", new SubmitOptions { BaseDirectory = directory }).Jobs.Single(), new SubmitJobAdOptions { Iwd = directory });
        var config = CondorConfigText.Read(File.ReadAllText(Path.Combine(RepoPaths.Root, "condor-plugins", "config", "50-vmmiddleware-transform.config")), "transform.config");
        var rules = TransformRules.Parse(config["JOB_TRANSFORM_VmMiddleware"], "JOB_TRANSFORM_VmMiddleware");
        Assert.IsTrue(rules.Matches(ad));
        Assert.AreEqual(0, AdTransform.Apply(rules, ad, name => config.TryGetValue(name, out var value) ? value : null).Errors.Count);
        return string.Concat(ad.Attributes.Select(a => a.Key + " = " + Unparser.UnparseOld(a.Value) + "\n"));
    }
}
