using System.Security.Cryptography;
using VmMiddleware.Remote;
using VmMiddleware.Remote.Gateways;
using VmMiddleware.Remote.Transfer;
using VmMiddleware.Store;

namespace VmMiddleware.Integration.Tests.Remote;

/// <summary>
/// The gateway's blob store over a real sshd: the client uploads into ROOT/partial and the gateway-side <c>vmgrid job stage</c> (this
/// build's vmgrid, shipped as the job's launcher, so the launcher's bootstrap by sha256sum runs too) stores, links and trims. Two jobs
/// sharing contents upload them once; a cap evicts an old job's contents while the new job's stay; a corrupt upload is one line.
/// No VM is started: the job directories are placed, not run (GatewaySubmitTests runs them).
/// </summary>
[TestClass]
[TestCategory("Integration")]
public sealed class GatewayStoreTests
{
    private static readonly List<string> Roots = [];
    private static SshGateway? gateway;
    private static LaptopCli? laptop;

    private static SshGateway Gateway => gateway ?? throw new InvalidOperationException("sshd did not start");

    private static LaptopCli Laptop => laptop ?? throw new InvalidOperationException("no laptop");

    [ClassInitialize]
    public static void Start(TestContext context)
    {
        laptop = new LaptopCli();
        gateway = SshGateway.Start(new Dictionary<string, string> { ["HOME"] = Path.Combine(laptop.Directory, "home") });
    }

    [ClassCleanup]
    public static void Stop()
    {
        gateway?.Dispose();
        laptop?.Dispose();
        foreach (var root in Roots)
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [TestMethod]
    public async Task Place_TwoJobsSharingContents_SecondSendsNothingAndTheStoreIsConsistent()
    {
        var root = Root();
        var job = LocalJob("shared", ("data.bin", 1 << 20));

        var first = Place(root, null, job);
        var second = Place(root, null, job);

        Assert.AreEqual(first.Upload.TotalBytes, first.Upload.SentBytes, "the first job sends everything");
        Assert.AreEqual(0, second.Upload.SentBytes, "the second job sends nothing");
        Assert.AreEqual(second.Upload.TotalBytes, second.Upload.PresentBytes);
        Assert.AreEqual(Sha(Path.Combine(job, "data.bin")), Sha(Path.Combine(second.Directory, "data.bin")));
        Assert.AreEqual(second.Directory + "/vmgrid", second.Vmgrid);
        var store = await ContentStore.OpenAsync(GatewayStore.Options(root, TimeProvider.System));
        Assert.AreEqual(2, store.List().Count, "the launcher and data.bin, once each");
        Assert.AreEqual(0, store.Check().Count, string.Join("; ", store.Check()));
        Assert.IsFalse(Directory.EnumerateFiles(Path.Combine(root, "partial")).Any());
    }

    [TestMethod]
    public async Task Place_CapBelowTwoJobs_EvictsTheOldJobsContentKeepsTheNewJobsAndTheOldDirectoryStillReads()
    {
        var root = Root();
        var old = LocalJob("old", ("old.bin", 1 << 20));
        var fresh = LocalJob("fresh", ("fresh.bin", 1 << 20));
        var launcherBytes = new FileInfo(Path.Combine(old, "vmgrid")).Length;

        var first = Place(root, null, old);
        var second = Place(root, (1 << 20) + launcherBytes + 1000, fresh);

        var blobs = Path.Combine(root, "blobs", "sha256");
        Assert.IsFalse(File.Exists(Path.Combine(blobs, Sha(Path.Combine(old, "old.bin")))), "the old job's content is evicted");
        Assert.IsTrue(File.Exists(Path.Combine(blobs, Sha(Path.Combine(fresh, "fresh.bin")))), "the new job's content stays");
        Assert.IsTrue(File.Exists(Path.Combine(blobs, Sha(Path.Combine(fresh, "vmgrid")))), "the shared launcher stays");
        Assert.AreEqual(Sha(Path.Combine(old, "old.bin")), Sha(Path.Combine(first.Directory, "old.bin")), "a hard link keeps the old job's bytes");
        Assert.AreEqual(Sha(Path.Combine(fresh, "fresh.bin")), Sha(Path.Combine(second.Directory, "fresh.bin")));
        var store = await ContentStore.OpenAsync(GatewayStore.Options(root, TimeProvider.System));
        Assert.IsTrue(store.TotalBytes() <= (1 << 20) + launcherBytes + 1000, store.TotalBytes().ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.AreEqual(0, store.Check().Count, string.Join("; ", store.Check()));
    }

    [TestMethod]
    public void Place_CorruptCompleteUpload_IsOneLineTheUploadIsRemovedAndTheNextPlaceSendsItAgain()
    {
        var root = Root();
        var job = LocalJob("corrupt", ("data.bin", 1 << 16));
        var sha = Sha(Path.Combine(job, "data.bin"));
        Directory.CreateDirectory(Path.Combine(root, "partial"));
        File.WriteAllBytes(Path.Combine(root, "partial", sha), RandomNumberGenerator.GetBytes(1 << 16));

        var refused = Assert.ThrowsExactly<RemoteException>(() => Place(root, null, job));
        var again = Place(root, null, job);

        Assert.AreEqual(1, refused.Message.Split('\n').Length, refused.Message);
        StringAssert.StartsWith(refused.Message, $"data.bin arrived on {Gateway.Address} with SHA-256 ");
        StringAssert.EndsWith(refused.Message, $" instead of {sha}; the partial upload was removed: run the same command again");
        Assert.AreEqual(1 << 16, again.Upload.SentBytes, "only the refused content is sent again");
        Assert.AreEqual(sha, Sha(Path.Combine(again.Directory, "data.bin")));
    }

    private static string Root()
    {
        var root = Directory.CreateTempSubdirectory("vmgrid-gwroot-").FullName;
        Roots.Add(root);
        return root;
    }

    private static (string Directory, string Vmgrid, UploadReport Upload) Place(string root, long? cap, string localJob)
    {
        var options = new GatewayOptions
        {
            Address = GatewayAddress.Parse(Gateway.Address, Environment.UserName),
            IdentityFiles = [Gateway.UserKey],
            KnownHostsFiles = [Gateway.KnownHosts],
            RemoteRoot = root,
            RemoteCacheBytes = cap,
        };
        using var session = GatewaySession.Open(options);
        var jobs = new GatewayJobs(session, TimeProvider.System);
        return jobs.Place(localJob, GatewayJobs.NewId(Path.GetFileName(localJob)), _ => { }, _ => { }, CancellationToken.None);
    }

    // A job directory whose launcher is this build's vmgrid (a script that runs vmgrid.dll), as --launcher ships a published one.
    private static string LocalJob(string name, params (string Name, int Length)[] files)
    {
        var directory = Directory.CreateDirectory(Path.Combine(Laptop.Directory, name + "-" + Guid.NewGuid().ToString("N")[..6])).FullName;
        var launcher = Path.Combine(directory, "vmgrid");
        File.WriteAllText(launcher, $"#!/bin/sh\nexec {RequiredTool.Find("dotnet")} {Path.Combine(AppContext.BaseDirectory, "vmgrid.dll")} \"$@\"\n");
        File.SetUnixFileMode(launcher, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        foreach (var (file, length) in files)
        {
            File.WriteAllBytes(Path.Combine(directory, file), RandomNumberGenerator.GetBytes(length));
        }

        return directory;
    }

    private static string Sha(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
}
