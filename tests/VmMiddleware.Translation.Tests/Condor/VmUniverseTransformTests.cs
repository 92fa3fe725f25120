using System.Text;
using VmMiddleware.ClassAds;
using VmMiddleware.ClassAds.Printing;
using VmMiddleware.Submit;
using VmMiddleware.Submit.JobAds;
using VmMiddleware.Submit.Transforms;
using VmMiddleware.Translation.Condor;

namespace VmMiddleware.Translation.Tests.Condor;

/// <summary>
/// The schedd transform in condor-plugins/config against vmgrid translate: for each VM-universe test file, the job ad
/// condor_submit makes (SubmitJobAd), transformed by the transform's rules (AdTransform), equals the job ad of the job.sub
/// that vmgrid translate --to condor writes for the same file. Both ads are made as if submitted from one directory (so
/// Cmd names the same launcher); compared are every attribute but Iwd, UserLog and the ones condor_submit derives from file
/// sizes (ExecutableSize, DiskUsage), TransferInput and TransferOutput as sets of the base names HTCondor lands files by,
/// and the VM-universe attributes (JobVM*, VMPARAM_*) through the work unit the launcher reads from each ad.
/// </summary>
[TestClass]
public sealed class VmUniverseTransformTests
{
    private const string Iwd = "/submit";
    private const string TransformName = "JOB_TRANSFORM_VmMiddleware";
    private static readonly HashSet<string> Excluded = new(StringComparer.OrdinalIgnoreCase) { "Iwd", "UserLog", "ExecutableSize", "DiskUsage" };
    private static readonly HashSet<string> FileLists = new(StringComparer.OrdinalIgnoreCase) { "TransferInput", "TransferOutput" };

    public static IEnumerable<object[]> VmFiles =>
        Directory.GetFiles(Golden.SourcePath(Path.Combine("Condor", "vm-universe")), "*.sub").Where(f => !f.Contains(".approved.", StringComparison.Ordinal) && !f.Contains(".received.", StringComparison.Ordinal)).Order(StringComparer.Ordinal)
            .Append(Path.Combine(CondorExamples.Directory, "vm-universe-sum.sub"))
            .Select(f => new object[] { Path.GetFileName(f) });

    [TestMethod]
    [DynamicData(nameof(VmFiles))]
    public void Transform_VmUniverseFile_EqualsTheTranslatedJob(string file)
    {
        var job = Expand(file);
        var transformed = Transformed(job);
        var translated = SubmitDescriptionWriter.Write(WorkUnitCondorTranslator.Translate(VmUniverseMapper.Map(job, Iwd), new CondorTranslationOptions()).Submit);
        var translatedAd = SubmitJobAd.Make(SubmitFile.ExpandText(translated, "job.sub", new SubmitOptions { BaseDirectory = Iwd }).Jobs.Single(), new SubmitJobAdOptions { Iwd = Iwd });

        var stem = Path.GetFileNameWithoutExtension(file);
        Golden.AssertMatches(Path.Combine("Condor", "vm-universe", stem + ".approved.sub"), translated);
        Golden.AssertMatches(Path.Combine("Condor", "vm-universe", stem + ".transformed.approved.ad"), Print(transformed));
        CollectionAssert.AreEquivalent(Compared(translatedAd).ToList(), Compared(transformed).ToList(), $"\n--- transformed ---\n{Print(transformed)}\n--- translated ---\n{Print(translatedAd)}");
        Assert.AreEqual(VmJobAdMapper.Map(translatedAd, "job.ad", Iwd), VmJobAdMapper.Map(transformed, "job.ad", Iwd));
    }

    [TestMethod]
    [DynamicData(nameof(VmFiles))]
    public void Transform_VmUniverseFile_GivesTheLauncherTheSubmitFilesWorkUnit(string file)
    {
        var job = Expand(file);
        var unit = VmUniverseMapper.Map(job, Iwd);

        var fromAd = VmJobAdMapper.Map(Transformed(job), "job.ad", Iwd);

        // The job ad carries no requirements, rank or +attributes for the launcher (HTCondor has used them), but the return form.
        var returnForm = unit.CustomAttributes.Where(a => a.Key == VmUniverseMapper.ReturnDisksAttribute).ToDictionary();
        Assert.AreEqual(unit with { Requirements = null, Rank = null, CustomAttributes = returnForm }, fromAd);
    }

    [TestMethod]
    public void Transform_VanillaJob_DoesNotMatch()
    {
        var vanilla = SubmitJobAd.Make(SubmitFile.ExpandText("executable = /bin/true\nqueue\n", "v.sub", new SubmitOptions { BaseDirectory = Iwd }).Jobs.Single(), new SubmitJobAdOptions { Iwd = Iwd });

        Assert.IsFalse(Rules().Matches(vanilla));
    }

    [TestMethod]
    public void Transform_VmJobRequirements_KeepTheUsersOwnClauseOnly()
    {
        var ad = Transformed(Expand("kvm-disks.sub"));

        Assert.AreEqual(
            "((TARGET.HasVirtualization isnt false)) && (TARGET.OpSys == \"LINUX\") && (TARGET.Arch == \"X86_64\") && (TARGET.Memory >= RequestMemory) && (TARGET.Cpus >= RequestCpus) && (TARGET.Disk >= RequestDisk) && TARGET.HasFileTransfer",
            Unparser.Unparse(ad.Lookup("Requirements")!));
    }

    internal static TransformRules Rules()
    {
        var config = Config();
        return TransformRules.Parse(config[TransformName], TransformName);
    }

    private static IReadOnlyDictionary<string, string> Config() =>
        CondorConfigText.Read(File.ReadAllText(Golden.RepositoryPath(Path.Combine("condor-plugins", "config", "50-vmmiddleware-transform.config"))), "50-vmmiddleware-transform.config");

    private static SubmitJob Expand(string file)
    {
        var path = file == "vm-universe-sum.sub" ? Path.Combine(CondorExamples.Directory, file) : Golden.SourcePath(Path.Combine("Condor", "vm-universe", file));
        return SubmitFile.ExpandText(File.ReadAllText(path), file, new SubmitOptions { BaseDirectory = Iwd }).Jobs.Single();
    }

    private static ClassAd Transformed(SubmitJob job)
    {
        var ad = SubmitJobAd.Make(job, new SubmitJobAdOptions { Iwd = Iwd });
        var rules = Rules();
        Assert.IsTrue(rules.Matches(ad), "the transform does not apply to the VM-universe job");
        var site = new Dictionary<string, string>(Config(), StringComparer.OrdinalIgnoreCase)
        {
            ["VMMIDDLEWARE_LAUNCHER"] = Path.Combine(Iwd, "vmgrid"),
            ["VMMIDDLEWARE_QEMU_BUNDLE"] = "qemu-bundle.tar.gz",
        };
        var result = AdTransform.Apply(rules, ad, name => site.TryGetValue(name, out var value) ? value : null);
        Assert.AreEqual(0, result.Errors.Count, string.Join('\n', result.Errors));
        return ad;
    }

    private static IEnumerable<string> Compared(ClassAd ad) =>
        ad.Attributes.Where(a => !Excluded.Contains(a.Key) && !IsVmParameter(a.Key))
            .Select(a => a.Key.ToLowerInvariant() + " = " + (FileLists.Contains(a.Key) ? BaseNames(ad.EvaluateAttribute(a.Key).AsString) : Unparser.UnparseOld(a.Value)));

    private static bool IsVmParameter(string name) =>
        name.StartsWith("JobVM", StringComparison.OrdinalIgnoreCase) || name.StartsWith("VMPARAM_", StringComparison.OrdinalIgnoreCase);

    private static string BaseNames(string list) =>
        string.Join(',', list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(f => f.TrimEnd('/').Split('/')[^1]).Order(StringComparer.Ordinal));

    private static string Print(ClassAd ad)
    {
        var text = new StringBuilder();
        foreach (var (name, expr) in ad.Attributes.OrderBy(a => a.Key, StringComparer.OrdinalIgnoreCase))
        {
            text.Append(name).Append(" = ").Append(Unparser.UnparseOld(expr)).Append('\n');
        }

        return text.ToString();
    }
}
