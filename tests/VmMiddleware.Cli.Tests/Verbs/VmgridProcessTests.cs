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
}
