using System.Diagnostics;

namespace VmMiddleware.Cli.Tests.Verbs;

/// <summary>Runs the real vmgrid executable, as users and scripts do.</summary>
[TestClass]
public sealed class VmgridProcessTests
{
    internal static (int Exit, string Stdout, string Stderr) Run(string arguments, string? stdin = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var exe = Path.Combine(AppContext.BaseDirectory, "vmgrid");
        var psi = new ProcessStartInfo(exe, arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[name] = value;
        }
        using var process = Process.Start(psi)!;
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
        }

        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    [TestMethod]
    public void ClassAdEval_LinesFedOneAtATimeThroughAPipe_AnswersEachBeforeTheNextIsSent()
    {
        // Output is buffered for speed; it must still be written before vmgrid waits for the next line.
        var psi = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "vmgrid"), "classad eval")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
        };
        using var process = Process.Start(psi)!;
        var answers = new List<string?>();
        foreach (var line in new[] { "1 + 2", "strcat(\"a\", \"b\")", "1 +" })
        {
            process.StandardInput.WriteLine(line);
            process.StandardInput.Flush();
            var answer = process.StandardOutput.ReadLineAsync();

            // Only a guard against hanging the run if the answer never comes; a slow machine just waits longer.
            Assert.IsTrue(answer.Wait(TimeSpan.FromMinutes(2)), "no answer to '" + line + "' while stdin stays open");
            answers.Add(answer.Result);
        }

        process.StandardInput.Close();
        Assert.IsNull(process.StandardOutput.ReadLine());
        process.WaitForExit();
        Assert.AreEqual(0, process.ExitCode);
        CollectionAssert.AreEqual(new[] { "3", "\"ab\"" }, answers.Take(2).ToArray());
        StringAssert.StartsWith(answers[2], "PARSE_ERROR");
    }

    [TestMethod]
    public void Help_Root_ListsTheVerbs()
    {
        var (exit, stdout, _) = Run("--help");
        Assert.AreEqual(0, exit);
        StringAssert.Contains(stdout, "classad");
    }

    [TestMethod]
    public void ClassAdMatch_TwoAdFiles_PrintsMatchAndBothRanks()
    {
        var dir = Directory.CreateTempSubdirectory("vmgrid-match-");
        try
        {
            var job = Path.Combine(dir.FullName, "job.ad");
            var machine = Path.Combine(dir.FullName, "machine.ad");
            File.WriteAllText(job, "[ RequestMemory = 1024; Requirements = TARGET.Memory >= RequestMemory; Rank = TARGET.Memory / 1024.0 ]");
            File.WriteAllText(machine, "Memory = 4096\nRequirements = TARGET.RequestMemory < 2000\n");
            var (exit, stdout, _) = Run("classad match " + job + " " + machine);
            Assert.AreEqual(0, exit);
            Assert.AreEqual("match\n4.000000000000000E+00\nundefined\n", stdout);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [TestMethod]
    [DataRow("classad eval --ad {0}")]
    [DataRow("classad match {0} {0}")]
    public void ClassAd_AdFileIsDirectory_OneLineExitOne(string arguments)
    {
        var dir = Directory.CreateTempSubdirectory("vmgrid-addir-");
        try
        {
            var (exit, _, stderr) = Run(string.Format(System.Globalization.CultureInfo.InvariantCulture, arguments, dir.FullName), stdin: "1\n");
            Assert.AreEqual(1, exit, stderr);
            Assert.AreEqual($"vmgrid: cannot read {dir.FullName}: it is a directory, not an ad file\n", stderr);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [TestMethod]
    public void ClassAdFormat_BadFile_ExitsOneWithPositionedMessage()
    {
        var dir = Directory.CreateTempSubdirectory("vmgrid-format-");
        try
        {
            var file = Path.Combine(dir.FullName, "bad.ad");
            File.WriteAllText(file, "A = 1\nB = (2\n");
            var (exit, stdout, stderr) = Run("classad format --to json " + file);
            Assert.AreEqual(1, exit);
            Assert.AreEqual(string.Empty, stdout);
            Assert.AreEqual("vmgrid: bad.ad: line 2, column 7: unexpected end of input, expected ')'\n", stderr);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [TestMethod]
    [DataRow("classad format --to new {0}")]
    [DataRow("classad match {0} {0}")]
    [DataRow("classad eval --ad {0}")]
    public void ClassAd_AdFileWithInvalidUtf8_ExitsOneNamingLineColumnAndByte(string arguments)
    {
        var dir = Directory.CreateTempSubdirectory("vmgrid-adutf8-");
        try
        {
            var file = Path.Combine(dir.FullName, "bad.ad");
            File.WriteAllBytes(file, [.. "A = 1\nB = \"caf"u8, 0xC3, 0x28, .. "\"\n"u8]);
            var (exit, stdout, stderr) = Run(string.Format(System.Globalization.CultureInfo.InvariantCulture, arguments, file), stdin: "1\n");
            Assert.AreEqual(1, exit, stderr);
            Assert.AreEqual(string.Empty, stdout);
            Assert.AreEqual("vmgrid: bad.ad: line 2, column 9: byte 0xC3 is not valid UTF-8; expected UTF-8 text\n", stderr);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [TestMethod]
    public void ClassAdFormat_OldToNew_PrintsNewSyntax()
    {
        var dir = Directory.CreateTempSubdirectory("vmgrid-format-");
        try
        {
            var file = Path.Combine(dir.FullName, "a.ad");
            File.WriteAllText(file, "A = 1\nB = A =?= 1\n");
            var (exit, stdout, _) = Run("classad format --to new " + file);
            Assert.AreEqual(0, exit);
            Assert.AreEqual("[ A = 1; B = A is 1 ]\n", stdout);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [TestMethod]
    public void SubmitfileExpand_MacroBomb_ExitsOneWithOneLine()
    {
        var dir = Directory.CreateTempSubdirectory("vmgrid-bomb-");
        try
        {
            var file = Path.Combine(dir.FullName, "bomb.sub");
            File.WriteAllText(file, "A0 = xxxxxxxx\n" + string.Concat(Enumerable.Range(1, 40).Select(n => $"A{n} = $(A{n - 1})$(A{n - 1})\n")) + "arguments = $(A40)\nqueue\n");

            var (exit, stdout, stderr) = Run("submitfile expand " + file);

            Assert.AreEqual(1, exit);
            Assert.AreEqual(string.Empty, stdout);
            Assert.AreEqual(
                $"vmgrid: {file}(line 15): the value takes more than 1048576 characters to expand, the most one value may take"
                + " (stopped in $(A13) -> $(A12) -> $(A11) -> ... -> $(A1)); does each macro use the one below it more than once?\n",
                stderr);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [TestMethod]
    public void SubmitfileExpand_InvalidUtf8_ExitsOneNamingLineAndColumn()
    {
        var dir = Directory.CreateTempSubdirectory("vmgrid-utf8-");
        try
        {
            var file = Path.Combine(dir.FullName, "bad.sub");
            File.WriteAllBytes(file, [.. "executable = /bin/"u8, 0xFF, 0xFE, .. "true\nqueue\n"u8]);

            var (exit, _, stderr) = Run("submitfile expand " + file);

            Assert.AreEqual(1, exit);
            Assert.AreEqual($"vmgrid: {file}(line 1): column 19: byte 0xFF is not valid UTF-8; expected UTF-8 text\n", stderr);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [TestMethod]
    public void SubmitCondor_WorkflowIntoTmp_RefusesBeforeAnyWork()
    {
        // DAGMan's check is on the text "/tmp", whatever TMPDIR says.
        var output = $"/tmp/vmgrid-dag-{Guid.NewGuid():N}/pipeline";
        var workflow = Path.Combine(AppContext.BaseDirectory, "examples", "pipeline.workflow.xml");

        var (exit, stdout, stderr) = Run($"submit {workflow} --to condor -o {output}");

        Assert.AreEqual(1, exit);
        Assert.AreEqual(string.Empty, stdout);
        Assert.AreEqual(
            $"vmgrid: {output} is under /tmp, where DAGMan refuses the DAG's node log (\"default node log file ... is in /tmp\" is fatal with its default DAGMAN_USE_STRICT = 1); give -o DIR outside /tmp\n",
            stderr);
        Assert.IsFalse(Directory.Exists(Path.GetDirectoryName(output)));
    }
}
