using VmMiddleware.Cli.Tests.Verbs;

namespace VmMiddleware.Cli.Tests;

/// <summary>A command line vmgrid cannot parse is one line on stderr naming the problem and the verb's --help, exit 1, nothing on stdout.</summary>
[TestClass]
public sealed class UsageErrorTests
{
    [TestMethod]
    [DataRow("translate", "vmgrid: Option '--to' is required; see 'vmgrid translate --help'")]
    [DataRow("translate job.xml --to nonsense", "vmgrid: Argument 'nonsense' not recognized. Must be one of: 'condor' 'dag' 'rsl'; see 'vmgrid translate --help'")]
    [DataRow("frobnicate", "vmgrid: Unrecognized command or argument 'frobnicate'; see 'vmgrid --help'")]
    [DataRow("", "vmgrid: Required command was not provided; see 'vmgrid --help'")]
    [DataRow("submitfile expand", "vmgrid: Required argument 'FILE' missing for command: 'expand'; see 'vmgrid submitfile expand --help'")]
    [DataRow("submit job.xml --to condor --bogus", "vmgrid: Unrecognized command or argument '--bogus'; see 'vmgrid submit --help'")]
    public void Main_BadCommandLine_PrintsOneLineOnStderrAndExitsOne(string arguments, string expected)
    {
        var (exit, stdout, stderr) = VmgridProcessTests.Run(arguments);

        Assert.AreEqual(1, exit);
        Assert.AreEqual(string.Empty, stdout);
        Assert.AreEqual(expected + "\n", stderr);
    }

    [TestMethod]
    [DataRow("translate --help", "vmgrid translate <INPUT> [options]")]
    [DataRow("submitfile expand --help", "vmgrid submitfile expand <FILE> [options]")]
    public void Main_Help_StillPrintsTheHelpOnStdout(string arguments, string usage)
    {
        var (exit, stdout, stderr) = VmgridProcessTests.Run(arguments);

        Assert.AreEqual(0, exit);
        StringAssert.Contains(stdout, usage);
        Assert.AreEqual(string.Empty, stderr);
    }
}
