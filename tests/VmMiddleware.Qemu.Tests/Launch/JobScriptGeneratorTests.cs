using VmMiddleware.Qemu.Launch;
using VmMiddleware.WorkUnits;

namespace VmMiddleware.Qemu.Tests.Launch;

[TestClass]
public sealed class JobScriptGeneratorTests
{
    private static readonly string[] NastyArguments = ["-c", "echo \"$1\"; exit 3", "it's a $HOME `x`", "", "line\nbreak", "'\\''"];

    [TestMethod]
    public void Generate_NastyArguments_ShellSeesThemExactly()
    {
        var unit = Unit(new GuestCommand { Executable = "/bin/sh", Arguments = NastyArguments });
        var script = JobScriptGenerator.Generate(unit, 10240);
        var header = script[..script.IndexOf("# ---- fixed part", StringComparison.Ordinal)];

        var output = ShellScript.Run("/bin/busybox", header + "printf '%s\\0' \"$VMGRID_CMD\" \"$VMGRID_CWD\" \"$VMGRID_INPUT_BYTES\" \"$@\"", "sh");

        CollectionAssert.AreEqual(new[] { "/bin/sh", "/work", "10240" }.Concat(NastyArguments).ToArray(), output.Split('\0')[..^1]);
    }

    [TestMethod]
    public void Generate_Environment_PassedThroughEnvWithoutTouchingScriptVariables()
    {
        var environment = new Dictionary<string, string> { ["OUT"] = "user's OUT", ["W"] = "$(false) `x`\nnext" };
        var unit = Unit(new GuestCommand { Executable = "/bin/sh", Environment = environment, WorkingDirectory = "/tmp" });
        var script = JobScriptGenerator.Generate(unit, 0);
        const string Marker = "|| exit 127; exec env ";
        var start = script.IndexOf(Marker, StringComparison.Ordinal) + Marker.Length;
        var words = script[start..script.IndexOf("\"$VMGRID_CMD\"", start, StringComparison.Ordinal)];

        var output = ShellScript.Run("/bin/sh", $"OUT=script W=script; env {words} /bin/sh -c 'printf \"%s|%s\" \"$OUT\" \"$W\"'");

        Assert.AreEqual("user's OUT|$(false) `x`\nnext", output);
        StringAssert.Contains(script, "VMGRID_CWD='/tmp'");
    }

    [TestMethod]
    public void Generate_Always_StartsWithShebangAndEndsWithExitMarker()
    {
        var script = JobScriptGenerator.Generate(Unit(new GuestCommand { Executable = "true" }), 0);

        Assert.IsTrue(script.StartsWith("#!/bin/sh\n", StringComparison.Ordinal));
        StringAssert.Contains(script, "echo \"VMGRID:EXIT $RC\"");
        StringAssert.Contains(script, "tar -c -f \"$OUT\" -C \"$W/out\" .");
    }

    [TestMethod]
    public void Generate_ExecutableWithEqualsButNoSlash_Throws()
    {
        Assert.ThrowsExactly<ArgumentException>(() => JobScriptGenerator.Generate(Unit(new GuestCommand { Executable = "A=b" }), 0));
    }

    private static WorkUnit Unit(GuestCommand command) => new() { Name = "t", Command = command };
}
