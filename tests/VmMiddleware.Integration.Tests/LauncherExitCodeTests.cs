using System.Text.Json.Nodes;
using VmMiddleware.Qemu.Launch;
using VmMiddleware.WorkUnits;
using VmMiddleware.WorkUnits.Xml;

namespace VmMiddleware.Integration.Tests;

[TestClass]
[TestCategory("Integration")]
public sealed class LauncherExitCodeTests
{
    [TestMethod]
    public async Task Run_CommandExits85_NotTakenForACheckpointAndRealCodeReported()
    {
        var work = QemuEnvironment.NewWorkDirectory("exit85");
        var file = Path.Combine(work, "..", Path.GetFileName(work) + ".workunit.xml");
        WorkUnitWriter.Write(QemuEnvironment.Shell("exit85", "echo partial > out/x; exit 85"), file);

        var (cli, stderr) = QemuEnvironment.StartCli("run", file, "--work-dir", work, "--json");
        var json = await cli.StandardOutput.ReadToEndAsync();
        await cli.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(180));

        Assert.AreEqual(LaunchExitCodes.CommandExitedCheckpointCode, cli.ExitCode, string.Join('\n', stderr));
        Assert.AreNotEqual(LaunchExitCodes.Checkpointed, cli.ExitCode);
        var result = JsonNode.Parse(json)!;
        Assert.AreEqual(85, result["exitCode"]!.GetValue<int>());
        Assert.AreEqual("GuestFailed", result["outcome"]!.GetValue<string>());
        Assert.IsTrue(stderr.Any(l => l.Contains("the command exited 85, which is the checkpoint exit code", StringComparison.Ordinal)), string.Join('\n', stderr));
        Assert.AreEqual("partial\n", File.ReadAllText(Path.Combine(work, "out", "x")));
        Assert.IsFalse(Directory.Exists(Path.Combine(work, "checkpoint")));
        cli.Dispose();
    }

    [TestMethod]
    public async Task Run_ImageThatIsNotADiskImage_UserErrorAndNoVmDirectoryLeft()
    {
        var work = QemuEnvironment.NewWorkDirectory("badimage");
        var notAnImage = Path.Combine(work, "..", Path.GetFileName(work) + ".txt");
        File.WriteAllText(notAnImage, "this is not a qcow2 image\n");
        var unit = QemuEnvironment.Shell("badimage", "true") with
        {
            Image = new ImageSpec(ImageKind.RootFilesystem, ImageLocation.FromHostPath(Path.GetFullPath(notAnImage)), ImageFormat.Qcow2),
        };

        var launcher = new Launcher(QemuEnvironment.Options(work) with { CacheRoot = QemuEnvironment.NewWorkDirectory("badimage-cache") });
        // Which exception is item 5's business (today qemu-img's refusal comes through as Host's ProcessFailedException); here only what is left matters.
        await Assert.ThrowsAsync<Exception>(() => launcher.RunAsync(unit, CancellationToken.None, CancellationToken.None));

        Assert.IsFalse(Directory.Exists(Path.Combine(work, "vm")), "a failed run left vm/ behind");
        Assert.IsFalse(File.Exists(Path.Combine(work, WorkDirectoryLock.FileName)));
    }
}
