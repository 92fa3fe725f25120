using VmMiddleware.Images.Building;

namespace VmMiddleware.Images.Tests.Building;

[TestClass]
public sealed class BuilderJobScriptTests
{
    [TestMethod]
    public void Text_Embedded_IsValidShellThatWaitsForTheHost()
    {
        var script = Path.Combine(Path.GetTempPath(), "builder-job-" + Guid.NewGuid().ToString("N") + ".sh");
        try
        {
            File.WriteAllText(script, BuilderJobScript.Text());
            using var sh = System.Diagnostics.Process.Start("sh", ["-n", script]);
            sh.WaitForExit();

            Assert.AreEqual(0, sh.ExitCode);
            var text = File.ReadAllText(script);
            StringAssert.StartsWith(text, "#!/bin/sh\n");
            StringAssert.Contains(text, "echo \"VMGRID:LAYER $n\"");
            StringAssert.Contains(text, "iflag=direct");
        }
        finally
        {
            File.Delete(script);
        }
    }
}
