using System.Diagnostics;
using VmMiddleware.Host.Processes;

namespace VmMiddleware.Host.Tests.Processes;

[TestClass]
public sealed class ParentDeathGuardTests
{
    private static (int Exit, string Stdout) Run(ProcessStartInfo info)
    {
        info.RedirectStandardOutput = true;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout);
    }

    private static ProcessStartInfo Command(string script) => new("/bin/sh") { ArgumentList = { "-c", script }, UseShellExecute = false };

    [TestMethod]
    public void Wrap_ParentIsTheExpectedOne_RunsTheCommandWithItsArgumentsAsOurChild()
    {
        RequireGuard();
        var info = Command("echo \"$PPID $1\"; exit 3");
        info.ArgumentList.Add("sh");
        info.ArgumentList.Add("arg1");

        var (exit, stdout) = Run(ParentDeathGuard.Wrap(info));

        // That the kernel kills it with its parent is what the integration kill tests show (a SIGKILLed vmgrid leaves no QEMU).
        Assert.AreEqual(3, exit);
        Assert.AreEqual($"{Environment.ProcessId} arg1\n", stdout);
    }

    [TestMethod]
    public void Wrap_ParentIsNotTheExpectedOne_CommandNeverRuns()
    {
        RequireGuard();

        var (exit, stdout) = Run(ParentDeathGuard.Wrap(Command("echo ran"), expectedParent: 1));

        Assert.AreEqual(137, exit);
        Assert.AreEqual(string.Empty, stdout);
    }

    [TestMethod]
    public void Wrap_LibraryPath_GivenToTheCommandOnly()
    {
        RequireGuard();
        var info = Command("echo \"$LD_LIBRARY_PATH\"");
        info.Environment["LD_LIBRARY_PATH"] = "/opt/bundle/lib";

        var wrapped = ParentDeathGuard.Wrap(info);

        Assert.IsFalse(wrapped.Environment.ContainsKey("LD_LIBRARY_PATH"), "setpriv and sh must not load the bundle's libraries");
        Assert.AreEqual((0, "/opt/bundle/lib\n"), Run(wrapped));
    }

    private static void RequireGuard()
    {
        if (!ParentDeathGuard.IsAvailable)
        {
            const string Missing = "setpriv (util-linux) is not installed";
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                Assert.Fail(Missing);
            }

            Assert.Inconclusive(Missing);
        }
    }
}
