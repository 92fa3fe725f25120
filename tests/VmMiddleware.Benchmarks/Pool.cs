using System.Globalization;
using VmMiddleware.ClassAds;

namespace VmMiddleware.Benchmarks;

/// <summary>Builds a pool from the real job and slot ads: every job and slot unique (ids, names, timestamps), with the variety
/// real pools have in what matters (users, memory, disk and CPU requests; slot sizes and capabilities).</summary>
internal static class Pool
{
    public static (List<ClassAd> Jobs, List<ClassAd> Machines) Build(int jobCount, int machineCount, int seed)
    {
        var random = new Random(seed);
        var jobTemplate = ClassAd.Parse(SampleAds.Text("job.old.ad"));
        var machineTemplate = ClassAd.Parse(SampleAds.Text("machine.old.ad"));

        // The slots keep every attribute the real slot advertises (catalog mapping included): it matches the job as in HTCondor.
        var jobs = new List<ClassAd>(jobCount);
        int[] memories = [512, 1024, 2048, 4096, 8192];
        for (var i = 0; i < jobCount; i++)
        {
            var job = jobTemplate.Copy();
            var cluster = i / 50;
            job.InsertExpression("ClusterId", cluster.ToString(CultureInfo.InvariantCulture));
            job.InsertExpression("ProcId", (i % 50).ToString(CultureInfo.InvariantCulture));
            job.InsertExpression("GlobalJobId", "\"vm#" + cluster + "." + (i % 50) + "#1795546402\"");
            job.InsertExpression("QDate", (1795546402 + i).ToString(CultureInfo.InvariantCulture));
            var clusterRandom = new Random(seed * 7919 + cluster);
            job.InsertExpression("Owner", "\"user" + clusterRandom.Next(20) + "\"");
            job.InsertExpression("RequestMemory", memories[clusterRandom.Next(memories.Length)].ToString(CultureInfo.InvariantCulture));
            job.InsertExpression("RequestCpus", (1 + clusterRandom.Next(4)).ToString(CultureInfo.InvariantCulture));
            job.InsertExpression("RequestDisk", (1048576 * (1 + clusterRandom.Next(8))).ToString(CultureInfo.InvariantCulture));
            jobs.Add(job);
        }

        var machines = new List<ClassAd>(machineCount);
        for (var i = 0; i < machineCount; i++)
        {
            var machine = machineTemplate.Copy();
            var host = i / 16;
            var hostRandom = new Random(seed * 104729 + host);
            machine.InsertExpression("Name", "\"slot1@node" + host.ToString("D4", CultureInfo.InvariantCulture) + "-" + (i % 16) + "\"");
            machine.InsertExpression("Machine", "\"node" + host.ToString("D4", CultureInfo.InvariantCulture) + "\"");
            machine.InsertExpression("Memory", (1024 * (1 << hostRandom.Next(5))).ToString(CultureInfo.InvariantCulture));
            machine.InsertExpression("Cpus", (1 << hostRandom.Next(4)).ToString(CultureInfo.InvariantCulture));
            machine.InsertExpression("Disk", (4194304L * (1 + hostRandom.Next(4))).ToString(CultureInfo.InvariantCulture));
            machine.InsertExpression("has_avx2", hostRandom.Next(3) > 0 ? "true" : "false");
            machine.InsertExpression("MyCurrentTime", (1795546402 + random.Next(1000)).ToString(CultureInfo.InvariantCulture));
            machines.Add(machine);
        }

        return (jobs, machines);
    }
}
