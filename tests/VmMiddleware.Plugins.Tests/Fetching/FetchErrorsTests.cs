using System.Net;
using VmMiddleware.Factory.Contracts.Downloads;
using VmMiddleware.Plugins.Fetching;
using VmMiddleware.Plugins.Transfer;

namespace VmMiddleware.Plugins.Tests.Fetching;

[TestClass]
public sealed class FetchErrorsTests
{
    private const string Sha = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [TestMethod]
    [DataRow("/v1/artifacts/" + Sha, "no such published file " + Sha)]
    [DataRow("/v1/layers/" + Sha + ".qcow2", "no such layer " + Sha + ".qcow2")]
    [DataRow("/v1/chains/" + Sha, "no such image " + Sha)]
    public void Classify_NotFound_SpecificationErrorNamingWhatIsMissing(string path, string missing)
    {
        var address = new Uri("https://factory.example:8443" + path);
        var failed = DownloadErrors.Wrap(new HttpRequestException($"{address}: 404 Not Found", null, HttpStatusCode.NotFound), address);

        var error = FetchErrors.Classify(failed);

        Assert.AreEqual(TransferErrorTypes.Specification, error.ErrorType);
        Assert.AreEqual(404L, error.ErrorCode);
        Assert.AreEqual(-1L, error.Retryable);
        Assert.AreEqual("factory.example:8443", error.FailedServer);
        StringAssert.Contains(error.ErrorString, "the factory service has " + missing + " (");
    }

    [TestMethod]
    public void Classify_EachOtherKindOfFailure_ItsHTCondorTypeCodeAndRetryable()
    {
        var address = new Uri("https://factory.example:8443/v1/layers/x.qcow2");

        var checksum = FetchErrors.Classify(new DownloadException(address, DownloadFailure.ChecksumMismatch, false, "x: the file has 1 bytes and SHA-256 y"));
        Assert.AreEqual((TransferErrorTypes.Transfer, TransferErrorCodes.ChecksumMismatch, -1L), (checksum.ErrorType, checksum.ErrorCode, checksum.Retryable));

        var untrusted = FetchErrors.Classify(DownloadErrors.Wrap(new HttpRequestException("tls", new System.Security.Authentication.AuthenticationException("the server's certificate is not trusted: z")), address));
        Assert.AreEqual((TransferErrorTypes.Authorization, TransferErrorCodes.UntrustedServer, -1L), (untrusted.ErrorType, untrusted.ErrorCode, untrusted.Retryable));
        StringAssert.StartsWith(untrusted.ErrorString, "factory.example:8443: the server's certificate is not trusted: z (the trust directory");

        var unavailable = FetchErrors.Classify(DownloadErrors.Wrap(new HttpRequestException("503", null, HttpStatusCode.ServiceUnavailable), address));
        Assert.AreEqual((TransferErrorTypes.Transfer, 503L, 0L), (unavailable.ErrorType, unavailable.ErrorCode, unavailable.Retryable));

        var forbidden = FetchErrors.Classify(DownloadErrors.Wrap(new HttpRequestException("403", null, HttpStatusCode.Forbidden), address));
        Assert.AreEqual((TransferErrorTypes.Authorization, 403L, -1L), (forbidden.ErrorType, forbidden.ErrorCode, forbidden.Retryable));

        var full = FetchErrors.Classify(DownloadErrors.Wrap(new IOException("No space left on device", 28), address));
        Assert.AreEqual((TransferErrorTypes.Transfer, 28L, -1L, "NoSpace"), (full.ErrorType, full.ErrorCode, full.Retryable, full.FailureType));

        var timeout = FetchErrors.Classify(DownloadErrors.Wrap(new TaskCanceledException("timeout"), address));
        Assert.AreEqual((TransferErrorTypes.Transfer, TransferErrorCodes.Incomplete, 0L, "TimedOut"), (timeout.ErrorType, timeout.ErrorCode, timeout.Retryable, timeout.FailureType));
        Assert.AreEqual($"{address}: the service did not answer in time", timeout.ErrorString);
    }
}
