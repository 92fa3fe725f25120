using VmMiddleware.Qemu.Processes;

namespace VmMiddleware.Qemu.Tests.Processes;

[TestClass]
public sealed class ConsoleRecorderTests
{
    [TestMethod]
    public void Record_LogsEveryLine_TailKeepsTheLastOnesAndStderr_ClosedDropsLines()
    {
        var log = Path.GetTempFileName();
        try
        {
            var recorder = new ConsoleRecorder(log, 2);
            Assert.IsTrue(recorder.Record("one"));
            Assert.IsTrue(recorder.Record("two"));
            Assert.IsTrue(recorder.Record("three"));

            Assert.AreEqual("two\nthree", recorder.Tail(null));
            Assert.AreEqual("two\nthree\n[qemu stderr]\nboom", recorder.Tail("boom"));
            recorder.Dispose();
            Assert.IsFalse(recorder.Record("four"));
            Assert.AreEqual("one\ntwo\nthree\n", File.ReadAllText(log));
        }
        finally
        {
            File.Delete(log);
        }
    }
}
