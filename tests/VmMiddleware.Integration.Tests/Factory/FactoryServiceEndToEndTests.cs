using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using VmMiddleware.Factory.Contracts.Messages;

namespace VmMiddleware.Integration.Tests.Factory;

/// <summary>The factory service end to end with a real WCF client: submit, poll, download (resumed with Range), check the SHA-256, boot a work unit on the image.</summary>
[TestClass]
[TestCategory("Integration")]
public sealed class FactoryServiceEndToEndTests
{
    [TestMethod]
    public async Task WcfClient_SubmitPollDownloadResumeAndBoot_WorkUnitSeesEveryAction()
    {
        var rig = await FactoryRig.Shared;
        var client = rig.Wcf();
        var dag = FactoryRig.Dag(
            "e2e",
            "<copy id=\"data\" source=\"data/hello.txt\" target=\"/opt/hello.txt\"/><script id=\"stamp\">cat /opt/hello.txt &gt; /etc/factory-stamp; echo stamped &gt;&gt; /etc/factory-stamp</script>",
            "<edge from=\"data\" to=\"stamp\"/>");
        var submitted = await client.SubmitBuildAsync(new SubmitBuildRequest
        {
            Configuration = dag,
            Format = "qcow2",
            Files = [new RequestFile { Path = "data/hello.txt", Content = "hello from the factory service\n"u8.ToArray() }],
        });
        Assert.HasCount(32, submitted.TicketId.ToCharArray());
        Assert.AreEqual("alice", submitted.Owner);

        var phases = new HashSet<string>(StringComparer.Ordinal);
        var ticket = submitted;
        var deadline = DateTime.UtcNow.AddMinutes(20);
        while (!TicketStates.IsFinal(ticket.State) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            ticket = await client.GetTicketAsync(submitted.TicketId);
            phases.Add(ticket.Phase);
        }

        Assert.AreEqual(TicketStates.Succeeded, ticket.State, ticket.Error + "\n" + ticket.LogTail);
        Assert.HasCount(2, ticket.StatesBuilt, "one state per action");
        Assert.AreEqual(1, ticket.ReusedNodes, "the base came from the store");
        Assert.IsTrue(phases.Overlaps(["action", "commit", "boot", "export", "done"]), "progress was visible while polling: " + string.Join(", ", phases));

        var download = await client.GetDownloadAsync(ticket.ImageId!, "qcow2");
        Assert.AreEqual(ticket.ImageId, download.ImageId);
        Assert.HasCount(3, download.Layers, "base, data, stamp");
        using var http = rig.Http();
        var url = new Uri(download.Url);

        // A dropped connection: the first half arrives, then the rest is asked for with Range and If-Range (the ETag).
        var half = download.SizeBytes / 2;
        using var first = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { Range = new RangeHeaderValue(0, half - 1) } };
        using var firstResponse = await http.SendAsync(first);
        Assert.AreEqual(HttpStatusCode.PartialContent, firstResponse.StatusCode);
        var etag = firstResponse.Headers.ETag!;
        Assert.AreEqual("\"" + download.Sha256 + "\"", etag.Tag);
        var head = await firstResponse.Content.ReadAsByteArrayAsync();
        using var rest = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { Range = new RangeHeaderValue(half, null), IfRange = new RangeConditionHeaderValue(etag) } };
        using var restResponse = await http.SendAsync(rest);
        Assert.AreEqual(HttpStatusCode.PartialContent, restResponse.StatusCode);
        var tail = await restResponse.Content.ReadAsByteArrayAsync();
        var image = Path.Combine(rig.Dags, "e2e.qcow2");
        await File.WriteAllBytesAsync(image, [.. head, .. tail]);
        Assert.AreEqual(download.SizeBytes, new FileInfo(image).Length);
        await using (var stream = File.OpenRead(image))
        {
            Assert.AreEqual(download.Sha256, Convert.ToHexStringLower(await SHA256.HashDataAsync(stream)), "SHA-256 of the resumed download");
        }

        // If-Range with a stale ETag gets the whole file again, never a mix of two versions.
        using var stale = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { Range = new RangeHeaderValue(half, null), IfRange = new RangeConditionHeaderValue(new EntityTagHeaderValue("\"0000\"")) } };
        using var staleResponse = await http.SendAsync(stale, HttpCompletionOption.ResponseHeadersRead);
        Assert.AreEqual(HttpStatusCode.OK, staleResponse.StatusCode);
        Assert.AreEqual(download.SizeBytes, staleResponse.Content.Headers.ContentLength);
        FactoryRig.Close(client);

        // The launcher boots a work unit on the downloaded image and sees what both actions did.
        const string check = "set -e; grep -qx 'hello from the factory service' /etc/factory-stamp; grep -qx stamped /etc/factory-stamp; cat /opt/hello.txt; echo e2e-ok";
        StringAssert.Contains(Support.ImageCheck.Run(image, check, rig.Dags, "factory-e2e"), "hello from the factory service\ne2e-ok");
    }

    [TestMethod]
    public async Task GetDownload_Chain_LayersFetchedOneByOneFormAChainQemuImgAccepts()
    {
        var rig = await FactoryRig.Shared;
        var client = rig.Wcf();
        var ticket = await client.SubmitBuildAsync(new SubmitBuildRequest { Configuration = FactoryRig.Dag("chain", "<hostname id=\"name\" name=\"chained\"/>"), Format = "chain" });
        ticket = await FactoryClientTesting.WaitAsync(client, ticket);
        Assert.AreEqual(TicketStates.Succeeded, ticket.State, ticket.Error);
        var download = await client.GetDownloadAsync(ticket.ImageId!, "chain");
        FactoryRig.Close(client);
        Assert.HasCount(2, download.Layers);
        Assert.IsNull(download.Layers[0].ParentId);
        Assert.AreEqual(download.Layers[0].StateId, download.Layers[1].ParentId);

        using var http = rig.Http();
        var listing = await http.GetStringAsync(new Uri(rig.Url, "/v1/chains/" + ticket.ImageId));
        var lines = listing.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.HasCount(2, lines);
        var directory = Directory.CreateDirectory(Path.Combine(rig.Dags, "chain-" + ticket.ImageId![..8])).FullName;
        foreach (var (layer, line) in download.Layers.Zip(lines))
        {
            Assert.AreEqual($"{layer.StateId} {layer.ParentId ?? "-"} {layer.SizeBytes} {layer.Sha256}", line);
            var bytes = await http.GetByteArrayAsync(new Uri(layer.Url));
            Assert.AreEqual(layer.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
            await File.WriteAllBytesAsync(Path.Combine(directory, layer.StateId + ".qcow2"), bytes);
        }

        var top = Path.Combine(directory, ticket.ImageId + ".qcow2");
        Assert.AreEqual(0, Images.ImageTools.Run("qemu-img", "check", top).ExitCode, "qemu-img check of the downloaded chain");
        StringAssert.Contains(Images.ImageTools.Run("qemu-img", "info", "--backing-chain", top).EnsureSuccess().StandardOutput, download.Layers[0].StateId + ".qcow2");
    }
}
