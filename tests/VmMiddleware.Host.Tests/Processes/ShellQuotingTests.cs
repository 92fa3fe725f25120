using System.Diagnostics;
using VmMiddleware.Host.Processes;

namespace VmMiddleware.Host.Tests.Processes;

[TestClass]
public sealed class ShellQuotingTests
{
    public static IEnumerable<object[]> Adversarial =>
    [
        [string.Empty],
        ["plain"],
        ["two words"],
        ["it's"],
        ["'"],
        ["''"],
        ["'\\''"],
        ["\"double\""],
        ["$HOME ${PATH} $((1+1))"],
        ["`id` $(rm -rf /tmp/nothing-here)"],
        ["back\\slash\\"],
        ["line\nbreak\n"],
        ["tab\there"],
        ["*?[a-z]"],
        ["-n"],
        ["; exit 7 #"],
        ["& | > < !"],
        ["ünïcödé ✓"],
        ["\u0001\u001f\u007f"],
    ];

    [TestMethod]
    [DynamicData(nameof(Adversarial))]
    public void Quote_AdversarialWord_ReadBackExactlyByDash(string word) => AssertRoundTrip("/bin/sh", word);

    [TestMethod]
    [DynamicData(nameof(Adversarial))]
    public void Quote_AdversarialWord_ReadBackExactlyByBusybox(string word) => AssertRoundTrip("/bin/busybox", word, "sh");

    [TestMethod]
    public void Quote_Nul_Throws()
    {
        Assert.ThrowsExactly<ArgumentException>(() => ShellQuoting.Quote("a\0b"));
    }

    [TestMethod]
    public void Quote_SingleQuote_EscapedAsCloseEscapeReopen()
    {
        Assert.AreEqual("'it'\\''s'", ShellQuoting.Quote("it's"));
    }

    internal static string RunShell(string shell, string script, params string[] prefix)
    {
        var info = new ProcessStartInfo(shell) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var p in prefix)
        {
            info.ArgumentList.Add(p);
        }

        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.AreEqual(0, process.ExitCode, "shell failed on: " + script);
        return output;
    }

    private static void AssertRoundTrip(string shell, string word, params string[] prefix)
    {
        var output = RunShell(shell, "printf '%s' " + ShellQuoting.Quote(word), prefix);
        Assert.AreEqual(word, output);
    }
}
