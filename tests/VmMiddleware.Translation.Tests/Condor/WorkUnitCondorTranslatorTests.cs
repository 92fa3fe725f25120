using System.Text.RegularExpressions;
using VmMiddleware.ClassAds;
using VmMiddleware.ClassAds.Matching;
using VmMiddleware.ClassAds.Syntax;
using VmMiddleware.Submit;
using VmMiddleware.Translation.Condor;
using VmMiddleware.Translation.Staging;
using VmMiddleware.WorkUnits;
using VmMiddleware.WorkUnits.Xml;

namespace VmMiddleware.Translation.Tests.Condor;

[TestClass]
public sealed class WorkUnitCondorTranslatorTests
{
    private const string Digest = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    // Every command the translator may write, with the passage of HTCondor's manual that documents it
    // (docs/man-pages/condor_submit.rst unless said otherwise).
    private static readonly Dictionary<string, string> DocumentedCommands = new(StringComparer.OrdinalIgnoreCase)
    {
        ["universe"] = "universe = <vanilla | ...>",
        ["executable"] = "executable = <pathname>",
        ["arguments"] = "arguments = <argument_list>, new syntax",
        ["environment"] = "environment = <parameter_list>, new syntax",
        ["should_transfer_files"] = "should_transfer_files = <YES | NO | IF_NEEDED>",
        ["when_to_transfer_output"] = "when_to_transfer_output = < ON_EXIT | ON_EXIT_OR_EVICT | ON_SUCCESS >",
        ["transfer_input_files"] = "transfer_input_files = < file1,file2,file... > (URLs for vanilla jobs)",
        ["transfer_output_files"] = "transfer_output_files = < file1,file2,file... > (directories without a trailing /)",
        ["checkpoint_exit_code"] = "checkpoint_exit_code = <integer>; users-manual/self-checkpointing-applications.rst",
        ["transfer_checkpoint_files"] = "transfer_checkpoint_files = < file1,file2,file3... >",
        ["job_max_vacate_time"] = "job_max_vacate_time = <integer expression>",
        ["output"] = "output = <pathname>",
        ["error"] = "error = <pathname>",
        ["log"] = "log = <pathname>",
        ["request_cpus"] = "request_cpus = <num-cpus>",
        ["request_memory"] = "request_memory = <quantity> (MiB)",
        ["request_disk"] = "request_disk = <quantity> (KiB, or K/M/G/T suffixes)",
        ["requirements"] = "requirements = <ClassAd Boolean Expression>",
        ["rank"] = "rank = <ClassAd Float Expression>",
        ["periodic_hold"] = "periodic_hold = <ClassAd Boolean Expression>",
        ["periodic_hold_reason"] = "periodic_hold_reason = <ClassAd String Expression>",
        ["periodic_hold_subcode"] = "periodic_hold_subcode = <ClassAd Integer Expression>",
    };

    private static readonly string[] ExpressionCommands = ["requirements", "rank", "periodic_hold", "periodic_hold_reason", "periodic_hold_subcode", "job_max_vacate_time"];

    public static IEnumerable<object[]> Examples => [["hello.workunit.xml"], ["fail.workunit.xml"], ["vm-universe.sub"]];

    [TestMethod]
    [DynamicData(nameof(Examples))]
    public void Translate_Example_MatchesGoldenFiles(string example)
    {
        var job = WorkUnitCondorTranslator.Translate(CondorExamples.Read(example), new CondorTranslationOptions());
        var stem = example[..example.IndexOf('.', StringComparison.Ordinal)];

        Golden.AssertMatches(Path.Combine("Condor", stem + ".approved.sub"), SubmitDescriptionWriter.Write(job.Submit));
        Golden.AssertMatches(Path.Combine("Condor", stem + ".workunit.approved.xml"), WorkUnitWriter.ToXml(job.ExecuteWorkUnit, JobLayout.Root));
    }

    [TestMethod]
    [DynamicData(nameof(Examples))]
    public void Translate_Example_RequirementsNameNeitherMemoryNorDisk(string example)
    {
        var job = WorkUnitCondorTranslator.Translate(CondorExamples.Read(example), new CondorTranslationOptions());

        // condor_submit warns "your Requirements expression refers to TARGET.Memory. This is obsolete" (and the same of
        // TARGET.Disk) for a vanilla job; request_memory and request_disk say it instead.
        var requirements = SubmitFile.ExpandText(SubmitDescriptionWriter.Write(job.Submit), "r.sub").Jobs.Single().Get("requirements")!;
        Assert.IsFalse(Regex.IsMatch(requirements, @"\b(TARGET\.)?(Memory|Disk)\b", RegexOptions.IgnoreCase), requirements);
    }

    [TestMethod]
    [DynamicData(nameof(Examples))]
    public void Translate_Example_ParsesBackAsOneVanillaJobWithTheKeyValues(string example)
    {
        var unit = CondorExamples.Read(example);
        var job = WorkUnitCondorTranslator.Translate(unit, new CondorTranslationOptions());

        var expansion = SubmitFile.ExpandText(SubmitDescriptionWriter.Write(job.Submit), example + ".condor");

        var parsed = expansion.Jobs.Single();
        Assert.AreEqual("vanilla", parsed.Find("universe")!.Value);
        Assert.AreEqual("vmgrid", parsed.Find("executable")!.Value);
        Assert.AreEqual("\"run workunit.xml --work-dir . --transfer-dirs\"", parsed.Find("arguments")!.Value);
        Assert.AreEqual((unit.Hardware.MemoryMiB + 256).ToString(System.Globalization.CultureInfo.InvariantCulture), parsed.Find("request_memory")!.Value);
        Assert.AreEqual(unit.Checkpoint.OnEviction ? "ON_EXIT_OR_EVICT" : "ON_EXIT", parsed.Find("when_to_transfer_output")!.Value);
        Assert.AreEqual(unit.Checkpoint.OnEviction ? "85" : null, parsed.Find("checkpoint_exit_code")?.Value);
        StringAssert.StartsWith(parsed.Find("transfer_input_files")!.Value, "workunit.xml, qemu-bundle.tar.gz, reference-guest.tar.gz, input-1-numbers.txt");
        Assert.AreEqual(unit.Checkpoint.OnEviction ? "out, checkpoint" : "out", parsed.Find("transfer_output_files")!.Value);
    }

    [TestMethod]
    [DynamicData(nameof(Examples))]
    public void Translate_Example_UsesOnlyDocumentedCommandsAndParsableExpressions(string example)
    {
        var unit = CondorExamples.Read(example) with { Rank = "TARGET.Mips", Image = new ImageSpec(ImageKind.BootableDisk, ImageLocation.FromCacheReference(Digest)) };

        var submit = WorkUnitCondorTranslator.Translate(unit, new CondorTranslationOptions()).Submit;

        foreach (var command in submit.Commands)
        {
            var key = command.Key!;
            if (key.StartsWith('+'))
            {
                ExpressionParser.Parse(command.Value, key);
                continue;
            }

            Assert.IsTrue(DocumentedCommands.ContainsKey(key), $"{key} is not in the list of documented submit commands");
            if (ExpressionCommands.Contains(key))
            {
                ExpressionParser.Parse(command.Value, key);
            }
        }

        Assert.IsNotNull(submit.Find("rank"));
    }

    [TestMethod]
    public void Translate_Requirements_WithCondorSubmitsMemoryClause_MatchALinuxMachineWithEnoughMemoryOnly()
    {
        var unit = CondorExamples.Read("hello.workunit.xml") with { Requirements = "TARGET.HasVirtualization =!= false" };
        var jobAd = JobAd(WorkUnitCondorTranslator.Translate(unit, new CondorTranslationOptions()).Submit);

        Assert.IsTrue(Matchmaker.Satisfies(jobAd, Machine(memory: 512)));
        Assert.IsFalse(Matchmaker.Satisfies(jobAd, Machine(memory: 511)));
        Assert.IsFalse(Matchmaker.Satisfies(jobAd, Machine(memory: 4096, arch: "aarch64")));
        Assert.IsFalse(Matchmaker.Satisfies(jobAd, Machine(memory: 4096, extra: "HasVirtualization = false")));
    }

    [TestMethod]
    public void Translate_VmImageUrl_PrefersMachinesWhosePluginCacheHoldsItsLayer()
    {
        var state = new string('c', 64);
        var unit = CondorExamples.Read("hello.workunit.xml") with
        {
            Image = new ImageSpec(ImageKind.BootableDisk, ImageLocation.FromUrl("vmimage://factory.example.org:8443/" + state)),
            Rank = "TARGET.Memory / 1024",
        };
        var submit = WorkUnitCondorTranslator.Translate(unit, new CondorTranslationOptions()).Submit;
        var jobAd = JobAd(submit);

        var holding = Machine(memory: 2048, extra: $"VmMiddlewareCachedLayers = \"{new string('f', 64)},{state}\"");
        var other = Machine(memory: 2048, extra: $"VmMiddlewareCachedLayers = \"{new string('f', 64)}\"");

        StringAssert.Contains(submit.Find("transfer_input_files"), "vmimage://factory.example.org:8443/" + state);
        Assert.AreEqual(102.0, Matchmaker.RankNumber(Matchmaker.Rank(jobAd, holding)));
        Assert.AreEqual(2.0, Matchmaker.RankNumber(Matchmaker.Rank(jobAd, other)));
        Assert.AreEqual(2.0, Matchmaker.RankNumber(Matchmaker.Rank(jobAd, Machine(memory: 2048))));
    }

    [TestMethod]
    public void Translate_ImageWithDigest_PrefersMachinesThatHaveItCached()
    {
        var unit = CondorExamples.Read("hello.workunit.xml") with
        {
            Image = new ImageSpec(ImageKind.BootableDisk, ImageLocation.FromHostPath("/images/debian.qcow2"), sha256: Digest),
            Rank = "TARGET.Memory / 1024",
        };
        var jobAd = JobAd(WorkUnitCondorTranslator.Translate(unit, new CondorTranslationOptions()).Submit);

        var cached = Machine(memory: 2048, extra: $"VmMiddlewareCachedImages = \"sha256:{new string('f', 64)},sha256:{Digest}\"");
        var other = Machine(memory: 2048, extra: $"VmMiddlewareCachedImages = \"sha256:{new string('f', 64)}\"");

        Assert.AreEqual(102.0, Matchmaker.RankNumber(Matchmaker.Rank(jobAd, cached)));
        Assert.AreEqual(2.0, Matchmaker.RankNumber(Matchmaker.Rank(jobAd, other)));
        Assert.AreEqual(2.0, Matchmaker.RankNumber(Matchmaker.Rank(jobAd, Machine(memory: 2048))));
    }

    [TestMethod]
    public void Translate_CacheReferenceImage_RequiresAMachineThatHasIt()
    {
        var unit = CondorExamples.Read("hello.workunit.xml") with { Image = new ImageSpec(ImageKind.BootableDisk, ImageLocation.FromCacheReference(Digest)) };
        var job = WorkUnitCondorTranslator.Translate(unit, new CondorTranslationOptions());
        var jobAd = JobAd(job.Submit);

        Assert.IsTrue(Matchmaker.Satisfies(jobAd, Machine(memory: 1024, extra: $"VmMiddlewareCachedImages = \"sha256:{Digest}\"")));
        Assert.IsFalse(Matchmaker.Satisfies(jobAd, Machine(memory: 1024)));
        Assert.IsFalse(job.Files.Any(f => f.Kind is ShippedFileKind.Image or ShippedFileKind.Guest), "a cached bootable disk ships neither image nor guest");
        Assert.AreEqual("sha256:" + Digest, job.ExecuteWorkUnit.Image.Location!.Value);
    }

    [TestMethod]
    public void Translate_UrlImage_IsFetchedByHTCondorAndReadFromItsFileName()
    {
        var unit = CondorExamples.Read("hello.workunit.xml") with
        {
            Image = new ImageSpec(ImageKind.BootableDisk, ImageLocation.FromUrl("vmimage://factory.example.org/images/debian-12")),
        };

        var job = WorkUnitCondorTranslator.Translate(unit, new CondorTranslationOptions());

        StringAssert.Contains(job.Submit.Find("transfer_input_files"), "vmimage://factory.example.org/images/debian-12");
        Assert.AreEqual("/vmgrid-job/debian-12", job.ExecuteWorkUnit.Image.Location!.Value);
    }

    [TestMethod]
    public void Translate_WallTime_HoldsTheJobAfterTheLimitPlusTheGrace()
    {
        var unit = CondorExamples.Read("hello.workunit.xml");
        var submit = WorkUnitCondorTranslator.Translate(unit, new CondorTranslationOptions { WallTimeGrace = TimeSpan.FromSeconds(30) }).Submit;
        var running = ClassAd.Parse($"[ JobStatus = 2; EnteredCurrentStatus = time() - 631; Hold = {submit.Find("periodic_hold")} ]");
        var young = ClassAd.Parse($"[ JobStatus = 2; EnteredCurrentStatus = time() - 600; Hold = {submit.Find("periodic_hold")} ]");

        Assert.IsTrue(running.EvaluateAttribute("Hold").AsBoolean);
        Assert.IsFalse(young.EvaluateAttribute("Hold").AsBoolean);
        Assert.AreEqual("vmgrid: the work unit ran past its wall time of 600 s plus 30 s", ClassAd.Parse($"[ R = {submit.Find("periodic_hold_reason")} ]").EvaluateAttribute("R").AsString);
        Assert.AreEqual("124", submit.Find("periodic_hold_subcode"));
    }

    [TestMethod]
    public void Translate_NoEvictionCheckpoint_TransfersOnExitOnlyWithoutCheckpointCommands()
    {
        var unit = CondorExamples.Read("hello.workunit.xml") with { Checkpoint = new CheckpointPolicy { OnEviction = false } };

        var submit = WorkUnitCondorTranslator.Translate(unit, new CondorTranslationOptions()).Submit;

        Assert.AreEqual("ON_EXIT", submit.Find("when_to_transfer_output"));
        Assert.AreEqual("out", submit.Find("transfer_output_files"));
        Assert.IsNull(submit.Find("checkpoint_exit_code"));
        Assert.IsNull(submit.Find("transfer_checkpoint_files"));
    }

    [TestMethod]
    public void Translate_CustomAttributeWithDollar_SurvivesCondorSubmitsMacroExpansion()
    {
        var unit = CondorExamples.Read("hello.workunit.xml") with
        {
            CustomAttributes = new Dictionary<string, string> { ["Note"] = "\"costs $(HOME) and $$(Memory)\"" },
        };
        var text = SubmitDescriptionWriter.Write(WorkUnitCondorTranslator.Translate(unit, new CondorTranslationOptions()).Submit);

        var parsed = SubmitFile.ExpandText(text, "dollar.sub").Jobs.Single();

        Assert.AreEqual("\"costs $(HOME) and $$(Memory)\"", parsed.Find("+Note")!.Value);
    }

    [TestMethod]
    public void Translate_DiskRequest_AddsImageInputsScratchOutputsAndShippedFiles()
    {
        var unit = CondorExamples.Read("hello.workunit.xml");
        var options = new CondorTranslationOptions { ImageBytes = 100L << 20, InputBytes = 1, ShippedFilesMiB = 10 };

        var submit = WorkUnitCondorTranslator.Translate(unit, options).Submit;

        // 100 image + 2 x 1 input + 1024 scratch + 2 x 64 output + 10 shipped.
        Assert.AreEqual("1264M", submit.Find("request_disk"));
    }

    [TestMethod]
    public void Translate_TwoFilesWithOneName_IsRefused()
    {
        var unit = CondorExamples.Read("hello.workunit.xml");
        var options = new CondorTranslationOptions { HandOvers = [new HandOver("../a/out/sum.txt", "a.txt"), new HandOver("../b/out/sum.txt", "b.txt")] };

        var error = Assert.ThrowsExactly<ArgumentException>(() => WorkUnitCondorTranslator.Translate(unit, options));

        StringAssert.Contains(error.Message, "'sum.txt'");
    }

    [TestMethod]
    public void Translate_HandOvers_AreTransferredAndBecomeInputs()
    {
        var unit = CondorExamples.Read("hello.workunit.xml");
        var options = new CondorTranslationOptions { HandOvers = [new HandOver("../produce/out/sum.txt", "previous/sum.txt")] };

        var job = WorkUnitCondorTranslator.Translate(unit, options);

        StringAssert.EndsWith(job.Submit.Find("transfer_input_files"), ", ../produce/out/sum.txt");
        Assert.AreEqual(new InputItem("/vmgrid-job/sum.txt", "previous/sum.txt"), job.ExecuteWorkUnit.Inputs[^1]);
    }

    [TestMethod]
    [DataRow(new[] { "run", "workunit.xml" }, "\"run workunit.xml\"")]
    [DataRow(new[] { "a b", "it's", "say \"hi\"", "" }, "\"'a b' 'it''s' 'say \"\"hi\"\"' ''\"")]
    public void Format_Arguments_ReadBackByTheSubmitReader(string[] arguments, string expected)
    {
        var text = CondorArguments.Format(arguments);

        Assert.AreEqual(expected, text);
        CollectionAssert.AreEqual(arguments, ArgumentSyntax.Arguments(text).ToArray());
    }

    private static ClassAd JobAd(SubmitDescription submit)
    {
        // As condor_submit makes the job ad: request_memory becomes RequestMemory and a
        // "(TARGET.Memory >= RequestMemory)" clause is appended (SubmitHash::SetRequirements, submit_utils.cpp).
        var ad = new ClassAd();
        ad.InsertExpression("RequestMemory", submit.Find("request_memory")!);
        ad.InsertExpression("Requirements", "(" + submit.Find("requirements")! + ") && (TARGET.Memory >= RequestMemory)");
        if (submit.Find("rank") is { } rank)
        {
            ad.InsertExpression("Rank", rank);
        }

        return ad;
    }

    private static ClassAd Machine(int memory, string arch = "X86_64", string? extra = null) =>
        ClassAd.Parse($"[ OpSys = \"LINUX\"; Arch = \"{arch}\"; Memory = {memory}; Requirements = true{(extra is null ? string.Empty : "; " + extra)} ]");
}
