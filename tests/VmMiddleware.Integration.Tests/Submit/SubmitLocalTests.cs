namespace VmMiddleware.Integration.Tests.Submit;

/// <summary>vmgrid submit --to local: a submit file read, mapped and run by the real CLI with the real QEMU and guest.</summary>
[TestClass]
[TestCategory("Integration")]
public sealed class SubmitLocalTests
{
    [TestMethod]
    public async Task SubmitLocal_VmUniverseExample_RunsTheVmAndProducesItsOutputs()
    {
        var work = QemuEnvironment.NewWorkDirectory("submit-local");
        try
        {
            var job = Path.Combine(work, "job");
            var (process, stderr) = QemuEnvironment.StartCli("submit", Path.Combine(QemuEnvironment.Examples, "vm-universe.sub"), "--to", "local", "-o", job);
            var stdout = process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));

            Assert.AreEqual(0, process.ExitCode, string.Join('\n', stderr));
            Assert.AreEqual("31\n", File.ReadAllText(Path.Combine(job, "out", "sum.txt")));
            Assert.AreEqual("hello\n", File.ReadAllText(Path.Combine(job, "out", "stdout")));
            StringAssert.Matches(await stdout, new System.Text.RegularExpressions.Regex(@"^job local-\d+-job: vm-hello in .*\njob local-\d+-job: exit code 0; outputs in .*/out\n$"));
            process.Dispose();
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
