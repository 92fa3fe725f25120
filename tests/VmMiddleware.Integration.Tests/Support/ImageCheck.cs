using System.Security;

namespace VmMiddleware.Integration.Tests.Support;

/// <summary>Boots a work unit on a built image with the real launcher (vmgrid run) and returns what its shell check printed.</summary>
internal static class ImageCheck
{
    /// <summary>Runs <paramref name="check"/> (a /bin/sh script) in a VM on <paramref name="image"/> (qcow2); asserts it exits 0 and returns its stdout.</summary>
    public static string Run(string image, string check, string directory, string name)
    {
        var unit = Path.Combine(directory, name + ".workunit.xml");
        File.WriteAllText(unit, $"""
            <workunit xmlns="urn:vmmiddleware:workunit:1" name="{name}">
              <image kind="rootfs" path="{SecurityElement.Escape(image)}" format="qcow2"/>
              <hardware vcpus="1" memory="256M" disk="1G"/>
              <command executable="/bin/sh"><arg>-c</arg><arg>{SecurityElement.Escape(check)}</arg></command>
              <limits wallTime="PT10M" maxOutput="16M" heartbeatTimeout="PT60S"/>
            </workunit>
            """);
        var work = Path.Combine(directory, name + "-run");
        var (process, stderr) = QemuEnvironment.StartCli("run", unit, "--work-dir", work);
        using (process)
        {
            Assert.IsTrue(process.WaitForExit(TimeSpan.FromMinutes(10)), "vmgrid run did not finish");
            var stdout = File.Exists(Path.Combine(work, "out", "stdout")) ? File.ReadAllText(Path.Combine(work, "out", "stdout")) : "(no stdout)";
            Assert.AreEqual(0, process.ExitCode, stdout + string.Join('\n', stderr));
            return stdout;
        }
    }
}
