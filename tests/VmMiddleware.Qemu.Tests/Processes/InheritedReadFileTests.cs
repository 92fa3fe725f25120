using System.Diagnostics;
using VmMiddleware.Qemu.Processes;

namespace VmMiddleware.Qemu.Tests.Processes;

[TestClass]
public sealed class InheritedReadFileTests
{
    [TestMethod]
    public void TryOpen_ChildStartedWhileOpen_ReadsTheFileThroughTheDescriptor()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "saved state\n");
            int descriptor;
            string childOutput;
            using (var file = InheritedReadFile.TryOpen(path))
            {
                Assert.IsNotNull(file);
                descriptor = file.Descriptor;
                var info = new ProcessStartInfo("/bin/cat", [$"/proc/self/fd/{descriptor}"]) { RedirectStandardOutput = true };
                using var child = Process.Start(info)!;
                childOutput = child.StandardOutput.ReadToEnd();
                child.WaitForExit();
            }

            Assert.AreEqual("saved state\n", childOutput);
            Assert.IsFalse(File.Exists($"/proc/self/fd/{descriptor}") && File.ResolveLinkTarget($"/proc/self/fd/{descriptor}", false)?.FullName == path, "the descriptor was not closed");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void TryOpen_MissingFile_Null() => Assert.IsNull(InheritedReadFile.TryOpen("/nonexistent/vmgrid/state"));
}
