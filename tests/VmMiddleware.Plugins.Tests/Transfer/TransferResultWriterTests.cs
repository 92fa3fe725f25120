using VmMiddleware.ClassAds;
using VmMiddleware.Plugins.Transfer;

namespace VmMiddleware.Plugins.Tests.Transfer;

[TestClass]
public sealed class TransferResultWriterTests
{
    private static readonly TransferRequest Request = new("vmimage://h/x", "/s/x");

    [TestMethod]
    public void Write_OverALongerPreallocatedFile_ParsesAsExactlyTheResults()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, new string('\0', 8192));
            var failed = new TransferResult(Request, false, "download")
            {
                Error = "no", ErrorData = [new TransferErrorData(TransferErrorTypes.Contact, 111, "no", 0) { FailedServer = "h:1" }],
            };

            TransferResultWriter.Write(path, [new TransferResult(Request, true, "download") { TotalBytes = 7 }, failed]);

            var ads = ClassAd.ParseNewSyntaxSequence(File.ReadAllText(path));
            Assert.AreEqual(8192, new FileInfo(path).Length, "not truncated");
            Assert.AreEqual(2, ads.Count);
            Assert.AreEqual(7L, ads[0].EvaluateAttribute("TransferTotalBytes").AsInteger);
            Assert.IsFalse(ads[0].Contains("TransferErrorData"));
            Assert.AreEqual("Contact", ads[1].Evaluate("TransferErrorData[0].ErrorType").AsString);
            Assert.AreEqual("h:1", ads[1].Evaluate("TransferErrorData[0].FailedServer").AsString);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
