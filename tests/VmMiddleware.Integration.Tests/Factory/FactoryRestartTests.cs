using VmMiddleware.Factory.Contracts.Messages;
using VmMiddleware.Integration.Tests.Images;

namespace VmMiddleware.Integration.Tests.Factory;

/// <summary>
/// SIGKILL of <c>vmgrid serve</c> during builds: its builder VMs die with it, the next start loses no ticket and no log tail, and the
/// resumed build runs only the action that was not committed; request directories go once their tickets are final.
/// </summary>
[TestClass]
[TestCategory("Integration")]
public sealed class FactoryRestartTests
{
    [TestMethod]
    public async Task Serve_KilledDuringBuilds_RestartResumesEveryTicketWithoutRedoingCommittedActions()
    {
        var (store, _) = await VmFactory.NewStoreAsync("service-restart");
        var root = Path.GetDirectoryName(store)!;
        var data = Path.Combine(root, "data");
        var config = Path.Combine(root, "factory.conf");
        File.WriteAllText(config, FactoryRig.ConfigText(data, store, string.Empty, buildConcurrency: 1));
        var marker = Guid.NewGuid().ToString("N");
        var first = FactoryRig.Dag(
            "restart",
            $"<script id=\"one\">echo {marker} &gt; /etc/one</script><script id=\"two\">echo two &gt; /etc/two</script><script id=\"three\">sleep 20; echo three &gt; /etc/three</script>",
            "<edge from=\"one\" to=\"two\"/><edge from=\"two\" to=\"three\"/>");
        var second = FactoryRig.Dag(
            "restart-b",
            $"<script id=\"one\">echo {marker} &gt; /etc/one</script><script id=\"two\">echo two &gt; /etc/two</script><script id=\"other\">echo other &gt; /etc/other</script>",
            "<edge from=\"one\" to=\"two\"/><edge from=\"two\" to=\"other\"/>");

        TicketStatus a;
        TicketStatus b;
        Dictionary<string, (long Inode, DateTime Modified)> committed;
        using (var service = ServiceProcess.Start(config))
        {
            var client = FactoryClient.Program.Connect(service.Url, FactoryRig.Handler()).CreateChannel();
            a = await client.SubmitBuildAsync(new SubmitBuildRequest { Configuration = first, Format = "chain" });
            b = await client.SubmitBuildAsync(new SubmitBuildRequest { Configuration = second, Format = "chain" });

            // Kill once the first two actions are committed and the third runs in the builder VM.
            var deadline = DateTime.UtcNow.AddMinutes(15);
            while (DateTime.UtcNow < deadline)
            {
                a = await client.GetTicketAsync(a.TicketId);
                if (a.Phase == "action" && a.ActionNumber == 3 && StateFiles(store).Count == 3)
                {
                    break;
                }

                Assert.IsFalse(TicketStates.IsFinal(a.State), "the build ended before it could be interrupted: " + a.Error);
                await Task.Delay(100);
            }

            Assert.AreEqual(3, a.ActionNumber, "the third action never started: " + a.LogTail);
            Assert.IsTrue(Directory.Exists(Path.Combine(data, "requests", a.TicketId)), "a running ticket keeps its request's files");
            committed = StateFiles(store);
            var children = service.Descendants();
            Assert.IsNotEmpty(children, "a builder VM runs under the service");
            FactoryRig.Close(client);
            service.KillHard();

            var alive = children;
            for (var i = 0; i < 100 && alive.Count > 0; i++)
            {
                await Task.Delay(100);
                alive = [.. alive.Where(pid => File.Exists($"/proc/{pid}/cmdline") && File.ReadAllText($"/proc/{pid}/cmdline").Length > 0)];
            }

            Assert.IsEmpty(alive, "the builder VM died with the killed service (pids " + string.Join(", ", alive) + ")");
        }

        // A request directory no ticket needs (a crash between its move into place and the ticket's insert) goes at the next start.
        var orphan = Directory.CreateDirectory(Path.Combine(data, "requests", new string('f', 32))).FullName;
        File.WriteAllText(Path.Combine(orphan, "vmconfig.xml"), "<vmconfig/>");
        var lastAction = a.LogTail.Split('\n').Last(l => l.StartsWith("action 3/", StringComparison.Ordinal));
        using (var service = ServiceProcess.Start(config))
        {
            var client = FactoryClient.Program.Connect(service.Url, FactoryRig.Handler()).CreateChannel();
            var resumed = await client.GetTicketAsync(a.TicketId);
            Assert.AreEqual(1, resumed.Resumes, "the running ticket was resumed");
            Assert.IsFalse(Directory.Exists(orphan), "the orphan request directory was removed at start");

            // The log tail recorded before the kill is shown again, continued by the resume.
            var tail = resumed.LogTail.Split('\n').ToList();
            CollectionAssert.Contains(tail, lastAction, "the tail from before the kill survives the restart:\n" + resumed.LogTail);

            // Every line a client saw before the kill, the builder VM's own messages between phase changes included, is kept in order.
            var before = a.LogTail.Split('\n').ToList();
            Assert.IsTrue(before.Any(l => l.StartsWith("builder VM started", StringComparison.Ordinal)), "the tail shows the builder VM's messages:\n" + a.LogTail);
            var kept = tail.Take(tail.FindIndex(l => l.StartsWith("resumed after a service restart", StringComparison.Ordinal))).ToList();
            Assert.IsTrue(EndsWithin(kept, before), "every line before the kill survives, in order (only the oldest may scroll out):\n" + a.LogTail + "\n--- after the restart:\n" + resumed.LogTail);
            var waiting = await client.GetTicketAsync(b.TicketId);
            Assert.IsFalse(TicketStates.IsFinal(waiting.State) && waiting.State == TicketStates.Failed, "the waiting ticket is not lost: " + waiting.Error);

            a = await FactoryClientTesting.WaitAsync(client, resumed);
            b = await FactoryClientTesting.WaitAsync(client, waiting);
            FactoryRig.Close(client);
            Assert.AreEqual(TicketStates.Succeeded, a.State, a.Error + "\n" + a.LogTail);
            Assert.AreEqual(TicketStates.Succeeded, b.State, b.Error + "\n" + b.LogTail);
            Assert.IsTrue(await RequestsRemovedAsync(data), "finished tickets' request directories are removed");
        }

        // A third start: the finished tickets, read from the database now, show the tail a client saw before.
        using (var service = ServiceProcess.Start(config))
        {
            var client = FactoryClient.Program.Connect(service.Url, FactoryRig.Handler()).CreateChannel();
            Assert.AreEqual(a.LogTail, (await client.GetTicketAsync(a.TicketId)).LogTail);
            Assert.AreEqual(b.LogTail, (await client.GetTicketAsync(b.TicketId)).LogTail);
            FactoryRig.Close(client);
        }

        // The resumed build committed only the third action; the first two are the very files committed before the kill.
        Assert.HasCount(1, a.StatesBuilt, "only the uncommitted action ran again: " + string.Join(", ", a.StatesBuilt));
        foreach (var state in committed.Keys)
        {
            CollectionAssert.DoesNotContain(a.StatesBuilt.ToList(), state);
        }

        var after = StateFiles(store);
        foreach (var (state, file) in committed)
        {
            Assert.AreEqual(file, after[state], "layer of " + state + " untouched");
        }

        Assert.HasCount(1, b.StatesBuilt, "the second ticket reused the first two states and built its own action");
        Assert.AreEqual(5, after.Count, "base, one, two, three, other");
        await VmFactory.AssertConsistentAsync(store);
    }

    /// <summary>Waits (generously: the removal follows the final state by moments) until no request directory is left under <paramref name="data"/>.</summary>
    internal static async Task<bool> RequestsRemovedAsync(string data)
    {
        var requests = Path.Combine(data, "requests");
        for (var i = 0; i < 600 && Directory.GetFileSystemEntries(requests).Length > 0; i++)
        {
            await Task.Delay(100);
        }

        return Directory.GetFileSystemEntries(requests).Length == 0;
    }

    // Whether kept (the tail before the restart's note) ends with the lines a client saw before the kill, in order, followed by at most
    // a few lines logged between the client's look and the kill; only the oldest lines may have scrolled out of the bounded tail.
    private static bool EndsWithin(List<string> kept, List<string> before)
    {
        const int LoggedAfterTheLook = 5;
        for (var end = kept.Count; end > 0 && end >= kept.Count - LoggedAfterTheLook; end--)
        {
            var shown = Math.Min(end, before.Count);
            if (kept.Take(end).TakeLast(shown).SequenceEqual(before.TakeLast(shown), StringComparer.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The committed states (manifest present) and their layers' inode and modification time, read without opening the store.</summary>
    private static Dictionary<string, (long Inode, DateTime Modified)> StateFiles(string store) =>
        Directory.GetFiles(Path.Combine(store, "states"), "*.json")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(id => id is not null && !id.StartsWith('.'))
            .ToDictionary(id => id!, id =>
            {
                var layer = Path.Combine(store, "layers", id + ".qcow2");
                var stat = Images.ImageTools.Run("stat", "-c", "%i", layer).EnsureSuccess().StandardOutput.Trim();
                return (long.Parse(stat, System.Globalization.CultureInfo.InvariantCulture), File.GetLastWriteTimeUtc(layer));
            });
}
