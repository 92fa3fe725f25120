using System.ServiceModel;
using VmMiddleware.Factory.Contracts.Messages;

namespace VmMiddleware.Integration.Tests.Factory;

/// <summary>The listing and the layer chains the service answers from memory follow every change at once: a finished build, a pin, an unpin, a delete, and the owner's usage in Describe.</summary>
[TestClass]
[TestCategory("Integration")]
public sealed class FactoryCatalogueTests
{
    [TestMethod]
    public async Task ListImages_AfterBuildPinUnpinDelete_EachChangeShownByTheNextCall()
    {
        var rig = await FactoryRig.Shared;
        var alice = rig.Wcf();
        var carol = rig.Wcf(FactoryRig.Pki.User("carol"));
        using var http = rig.Http();
        try
        {
            var before = await alice.ListImagesAsync();
            var usageBefore = (await alice.DescribeAsync()).Quota.StoredBytes;
            var dag = FactoryRig.Dag("catalogue", $"<script id=\"mark\">echo {Guid.NewGuid():N} &gt; /etc/catalogue</script>");
            var ticket = await alice.SubmitBuildAsync(new SubmitBuildRequest { Configuration = dag, Format = "chain" });
            var deadline = DateTime.UtcNow.AddMinutes(20);
            while (!TicketStates.IsFinal(ticket.State) && DateTime.UtcNow < deadline)
            {
                ticket = await alice.WaitTicketAsync(ticket.TicketId, 60);
            }

            Assert.AreEqual(TicketStates.Succeeded, ticket.State, ticket.Error + "\n" + ticket.LogTail);
            var id = ticket.ImageId!;

            // The first call after the ticket reads Succeeded lists the new state, owned by alice, and counts it in her usage.
            var built = Single(await alice.ListImagesAsync(), id);
            Assert.AreEqual("alice", built.Owner);
            Assert.IsFalse(built.Pinned);
            Assert.IsGreaterThan(0L, built.LayerBytes);
            Assert.DoesNotContain(id, before.Images.Select(i => i.ImageId).ToList());
            Assert.IsGreaterThanOrEqualTo(usageBefore + built.LayerBytes, (await alice.DescribeAsync()).Quota.StoredBytes);

            // The chain, read once and then answered from memory, is the same from GetDownload and /v1/chains, base first.
            var download = await alice.GetDownloadAsync(id, "chain");
            var chain = await http.GetStringAsync(new Uri(rig.Url, "/v1/chains/" + id));
            Assert.AreEqual(string.Concat(download.Layers.Select(l => FormattableString.Invariant($"{l.StateId} {l.ParentId ?? "-"} {l.SizeBytes} {l.Sha256}\n"))), chain);
            Assert.AreEqual(id, download.Layers[^1].StateId);
            Assert.AreEqual(chain, await http.GetStringAsync(new Uri(rig.Url, "/v1/chains/" + id)));

            Assert.IsTrue((await alice.PinAsync(id)).Pinned);
            Assert.IsTrue(Single(await alice.ListImagesAsync(), id).Pinned, "the pin is listed at once");
            var refused = await Assert.ThrowsAsync<FaultException>(() => alice.DeleteAsync(id));
            StringAssert.Contains(refused.Message, "is pinned");
            var foreign = await Assert.ThrowsAsync<FaultException>(() => carol.DeleteAsync(id));
            StringAssert.Contains(foreign.Message, "belongs to 'alice'");

            Assert.IsFalse((await alice.UnpinAsync(id)).Pinned);
            Assert.IsFalse(Single(await alice.ListImagesAsync(), id).Pinned, "the unpin is listed at once");
            var deleted = await alice.DeleteAsync(id);
            CollectionAssert.Contains(deleted.Deleted, id);
            Assert.DoesNotContain(id, (await alice.ListImagesAsync()).Images.Select(i => i.ImageId).ToList(), "the delete is listed at once");
            var missing = await Assert.ThrowsAsync<FaultException>(() => alice.PinAsync(id));
            StringAssert.Contains(missing.Message, "no image " + id);
            var gone = await Assert.ThrowsAsync<FaultException>(() => alice.GetDownloadAsync(id, "chain"));
            StringAssert.Contains(gone.Message, "no image " + id, "the remembered chain is forgotten with the image");
            Assert.AreEqual(System.Net.HttpStatusCode.NotFound, (await http.GetAsync(new Uri(rig.Url, "/v1/chains/" + id))).StatusCode);
            Assert.AreEqual(System.Net.HttpStatusCode.NotFound, (await http.GetAsync(new Uri(rig.Url, $"/v1/layers/{id}.qcow2"))).StatusCode);
        }
        finally
        {
            FactoryRig.Close(alice);
            FactoryRig.Close(carol);
        }
    }

    private static ImageEntry Single(ImageListing listing, string id)
    {
        var entries = listing.Images.Where(i => i.ImageId == id).ToList();
        Assert.HasCount(1, entries, $"image {id} listed once");
        return entries[0];
    }
}
