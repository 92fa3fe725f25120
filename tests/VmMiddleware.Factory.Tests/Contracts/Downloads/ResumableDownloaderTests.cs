using System.Net;
using System.Security.Cryptography;
using VmMiddleware.Factory.Contracts.Downloads;

namespace VmMiddleware.Factory.Tests.Contracts.Downloads;

[TestClass]
public sealed class ResumableDownloaderTests
{
    private static readonly DownloadOptions Quick = new() { Attempts = 4, RetryDelay = TimeSpan.FromMilliseconds(1) };
    private string _directory = null!;

    [TestInitialize]
    public void Initialize() => _directory = Directory.CreateTempSubdirectory("downloader-").FullName;

    [TestCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    [TestMethod]
    public async Task DownloadFileAsync_ConnectionDroppedHalfWay_ResumesWithRangeAndPublishesTheCheckedFile()
    {
        var (content, sha) = File(1 << 20);
        using var server = new ScriptedHttpServer(content, "\"" + sha + "\"") { CutBodies = 1, CutAfter = content.Length / 2 };
        using var http = new HttpClient();
        var downloader = new ResumableDownloader(http, Quick);
        var path = Path.Combine(_directory, "image.qcow2");

        await downloader.DownloadFileAsync(server.Url("/v1/layers/x"), content.Length, sha, path, CancellationToken.None);

        CollectionAssert.AreEqual(content, System.IO.File.ReadAllBytes(path));
        Assert.AreEqual(2, server.Requests.Count);
        Assert.AreEqual($"bytes={content.Length / 2}-", server.Requests[1].Range);
        Assert.AreEqual("\"" + sha + "\"", server.Requests[1].IfRange);
        Assert.AreEqual(206, server.Requests[1].Status);
        Assert.AreEqual(content.Length, server.BodyBytesSent, "the second request asked only for the rest");
        Assert.AreEqual(2, downloader.Attempts);
        CollectionAssert.AreEqual(new[] { "image.qcow2" }, Directory.GetFiles(_directory).Select(Path.GetFileName).ToArray(), "no partial file left");
    }

    [TestMethod]
    public async Task DownloadAsync_IfRangeDoesNotMatchTheServersETag_RestartsFromTheStart()
    {
        var (content, sha) = File(200_000);
        using var server = new ScriptedHttpServer(content, "\"a-different-etag\"");
        using var http = new HttpClient();
        var path = Path.Combine(_directory, "partial");
        System.IO.File.WriteAllBytes(path, content[..50_000]);

        await new ResumableDownloader(http, Quick).DownloadAsync(server.Url("/v1/artifacts/" + sha), content.Length, sha, path, CancellationToken.None);

        Assert.AreEqual(1, server.Requests.Count);
        Assert.AreEqual("bytes=50000-", server.Requests[0].Range);
        Assert.AreEqual(200, server.Requests[0].Status, "the server sent the whole file");
        CollectionAssert.AreEqual(content, System.IO.File.ReadAllBytes(path), "the whole file replaced the partial one instead of following it");
    }

    [TestMethod]
    public async Task DownloadAsync_PartialFileOfOtherContent_HashMismatchThenOneFreshDownloadSucceeds()
    {
        var (content, sha) = File(100_000);
        using var server = new ScriptedHttpServer(content, "\"" + sha + "\"");
        using var http = new HttpClient();
        var path = Path.Combine(_directory, "stale");
        System.IO.File.WriteAllBytes(path, new byte[40_000]); // zeros: not the start of the file

        await new ResumableDownloader(http, Quick).DownloadAsync(server.Url("/v1/layers/y"), content.Length, sha, path, CancellationToken.None);

        CollectionAssert.AreEqual(content, System.IO.File.ReadAllBytes(path));
        Assert.AreEqual(2, server.Requests.Count);
        Assert.AreEqual(206, server.Requests[0].Status);
        Assert.AreEqual(string.Empty, server.Requests[1].Range, "the fresh download asks for the whole file");
    }

    [TestMethod]
    public async Task DownloadFileAsync_ServerContentDoesNotHash_ChecksumMismatchNotRetryableAndNothingPublished()
    {
        var (content, sha) = File(10_000);
        using var server = new ScriptedHttpServer(RandomNumberGenerator.GetBytes(10_000), "\"" + sha + "\"");
        using var http = new HttpClient();
        var path = Path.Combine(_directory, "bad.qcow2");

        var e = await Assert.ThrowsExactlyAsync<DownloadException>(() => new ResumableDownloader(http, Quick).DownloadFileAsync(server.Url("/v1/layers/z"), content.Length, sha, path, CancellationToken.None));

        Assert.AreEqual(DownloadFailure.ChecksumMismatch, e.Failure);
        Assert.IsFalse(e.Retryable);
        StringAssert.Contains(e.Message, "SHA-256");
        StringAssert.Contains(e.Message, sha);
        Assert.AreEqual(2, server.Requests.Count, "one fresh download, then it gives up");
        Assert.AreEqual(0, Directory.GetFiles(_directory).Length);
    }

    [TestMethod]
    public async Task GetTextAsync_NotFound_StatusFailureNotRetryableAfterOneRequest()
    {
        using var server = new ScriptedHttpServer([], "\"e\"");
        server.Statuses.Enqueue(404);
        using var http = new HttpClient();

        var e = await Assert.ThrowsExactlyAsync<DownloadException>(() => new ResumableDownloader(http, Quick).GetTextAsync(server.Url("/v1/chains/abc"), CancellationToken.None));

        Assert.AreEqual(DownloadFailure.Status, e.Failure);
        Assert.AreEqual(HttpStatusCode.NotFound, e.StatusCode);
        Assert.IsFalse(e.Retryable);
        StringAssert.Contains(e.Message, "/v1/chains/abc: 404 Scripted: nope");
        Assert.AreEqual(1, server.Requests.Count);
    }

    [TestMethod]
    public async Task SizeAsync_ServiceUnavailableThenWell_RetriedUntilItAnswers()
    {
        using var server = new ScriptedHttpServer(new byte[1234], "\"e\"");
        server.Statuses.Enqueue(503);
        server.Statuses.Enqueue(502);
        using var http = new HttpClient();
        var downloader = new ResumableDownloader(http, Quick);

        Assert.AreEqual(1234L, await downloader.SizeAsync(server.Url("/v1/artifacts/x"), CancellationToken.None));
        Assert.AreEqual(3, downloader.Attempts);
    }

    [TestMethod]
    public async Task GetTextAsync_AlwaysServerError_StatusFailureRetryableAfterEveryAttempt()
    {
        using var server = new ScriptedHttpServer([], "\"e\"");
        for (var i = 0; i < Quick.Attempts; i++)
        {
            server.Statuses.Enqueue(500);
        }

        using var http = new HttpClient();

        var e = await Assert.ThrowsExactlyAsync<DownloadException>(() => new ResumableDownloader(http, Quick).GetTextAsync(server.Url("/v1/chains/x"), CancellationToken.None));

        Assert.AreEqual(DownloadFailure.Status, e.Failure);
        Assert.IsTrue(e.Retryable);
        Assert.AreEqual(Quick.Attempts, server.Requests.Count);
    }

    [TestMethod]
    public async Task GetTextAsync_NothingListening_ConnectionFailureRetryableAfterEveryAttempt()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var http = new HttpClient();
        var downloader = new ResumableDownloader(http, Quick);

        var e = await Assert.ThrowsExactlyAsync<DownloadException>(() => downloader.GetTextAsync(new Uri($"http://127.0.0.1:{port}/v1/chains/x"), CancellationToken.None));

        Assert.AreEqual(DownloadFailure.Connection, e.Failure);
        Assert.IsTrue(e.Retryable);
        Assert.IsInstanceOfType<HttpRequestException>(e.InnerException);
        Assert.AreEqual(Quick.Attempts, downloader.Attempts);
    }

    [TestMethod]
    public void IsTransient_EachKindOfFailure_OnlyThoseAnotherAttemptMayCure()
    {
        Assert.IsTrue(DownloadErrors.IsTransient(new HttpRequestException("x", null, HttpStatusCode.BadGateway), CancellationToken.None));
        Assert.IsFalse(DownloadErrors.IsTransient(new HttpRequestException("x", null, HttpStatusCode.NotFound), CancellationToken.None));
        Assert.IsTrue(DownloadErrors.IsTransient(new IOException("connection reset"), CancellationToken.None));
        Assert.IsFalse(DownloadErrors.IsTransient(new IOException("disk full", 28), CancellationToken.None), "ENOSPC");
        Assert.IsFalse(DownloadErrors.IsTransient(new HttpRequestException("tls", new System.Security.Authentication.AuthenticationException("untrusted")), CancellationToken.None));
        Assert.IsTrue(DownloadErrors.IsTransient(new TaskCanceledException("timeout"), CancellationToken.None), "HttpClient's timeout");
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.IsFalse(DownloadErrors.IsTransient(new TaskCanceledException("asked"), cancelled.Token), "the caller cancelled");
        Assert.AreEqual(DownloadFailure.LocalWrite, DownloadErrors.Wrap(new IOException("disk full", 28), new Uri("https://h:1/v1/layers/a")).Failure);
        Assert.AreEqual(DownloadFailure.Untrusted, DownloadErrors.Wrap(new HttpRequestException("tls", new System.Security.Authentication.AuthenticationException("untrusted")), new Uri("https://h:1/")).Failure);
    }

    private static (byte[] Content, string Sha) File(int size)
    {
        var content = RandomNumberGenerator.GetBytes(size);
        return (content, Convert.ToHexStringLower(SHA256.HashData(content)));
    }
}
