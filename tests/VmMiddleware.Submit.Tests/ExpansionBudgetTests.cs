using System.Text;
using CsCheck;

namespace VmMiddleware.Submit.Tests;

/// <summary>Macro expansion is bounded in characters and references, so that hostile submit files fail at once with a positioned error.</summary>
[TestClass]
public sealed class ExpansionBudgetTests
{
    private const long MemoryCap = 100L << 20;

    [TestMethod]
    public void Expand_DoublingMacroBomb_FailsNamingLineAndMacroInBoundedMemory()
    {
        var text = new StringBuilder("A0 = xxxxxxxx\n");
        for (var n = 1; n <= 40; n++)
        {
            text.Append($"A{n} = $(A{n - 1})$(A{n - 1})\n");
        }

        text.Append("arguments = $(A40)\nqueue\n");

        var (e, allocated) = Measure(() => SubmitFile.ExpandText(text.ToString(), "bomb.sub"));

        Assert.AreEqual(
            "bomb.sub(line 15): the value takes more than 1048576 characters to expand, the most one value may take"
            + " (stopped in $(A13) -> $(A12) -> $(A11) -> ... -> $(A1)); does each macro use the one below it more than once?",
            e.Message);
        Assert.IsLessThan(MemoryCap, allocated);
    }

    [TestMethod]
    public void Expand_EmptyDoublingMacros_FailOnTheReferenceCount()
    {
        var text = new StringBuilder("A0 =\n");
        for (var n = 1; n <= 40; n++)
        {
            text.Append($"A{n} = $(A{n - 1})$(A{n - 1})\n");
        }

        text.Append("arguments = $(A40)\nqueue\n");

        var (e, allocated) = Measure(() => SubmitFile.ExpandText(text.ToString(), "empty.sub"));

        Assert.AreEqual(
            "empty.sub(line 17): the value makes more than 100000 macro references to expand, the most one value may make"
            + " (stopped in $(A15) -> $(A14) -> $(A13) -> ... -> $(A0)); does each macro use the one below it more than once?",
            e.Message);
        Assert.IsLessThan(MemoryCap, allocated);
    }

    [TestMethod]
    public void Expand_SelfDoublingDefinition_FailsOnTheLineThatOutgrowsTheLimit()
    {
        var text = "A = xxxxxxxx\n" + string.Concat(Enumerable.Repeat("A = $(A)$(A)\n", 40)) + "queue\n";

        var (e, allocated) = Measure(() => SubmitFile.ExpandText(text, "self.sub"));

        Assert.AreEqual(
            "self.sub(line 19): the value of 'A' grows past 1048576 characters when its references to itself are replaced, the most one value may expand to",
            e.Message);
        Assert.IsLessThan(MemoryCap, allocated);
    }

    [TestMethod]
    [DataRow("x = $INT(1,%999999999d)", "$INT() format '%999999999d' asks for a width of 999999999; at most 1024 is allowed")]
    [DataRow("x = $REAL(1,%.99999999999f)", "$REAL() format '%.99999999999f' asks for a precision of 99999999999; at most 1024 is allowed")]
    public void Expand_HugePrintfField_FailsNamingTheField(string line, string detail)
    {
        var e = Assert.ThrowsExactly<SubmitFileException>(() => SubmitFile.ExpandText(line + "\nqueue\n", "f.sub"));

        Assert.AreEqual("f.sub(line 1): " + detail, e.Message);
    }

    [TestMethod]
    public void Expand_RandomSubmitFiles_StayUnderTheMemoryCap()
    {
        // Macros that use each other twice, and definitions that double themselves, could make 2^40 characters from
        // these forty lines; with a 64 Ki budget per value every file stays far below the cap, whatever it says.
        var options = new SubmitOptions { MaxValueChars = 64 << 10, MaxMacroReferences = 10_000, RandomSeed = 1 };
        var names = OneOf("A", "B", "C", "D", "arguments");
        var token = Gen.OneOf(
            OneOf("xyzw", "$(A)", "$(B)", "$(C)", "$(D)", "$(A)$(A)", "$(B)$(C)$(B)", "$(E:dflt)", "$$(Memory)", "$(Process)"),
            OneOf("$INT(Process,%05d)", "$SUBSTR(A,1,3)", "$CHOICE(0,A,B)", "$STRING(B)", "$Fn(C)", "$(A:$(B))", "$INT(1,%900d)"));
        var assignment = Gen.Select(names, token.Array[0, 4], (name, tokens) => $"{name} = {string.Concat(tokens)}");
        var file = Gen.Select(assignment.Array[1, 40], Gen.Int[0, 3], (lines, count) => string.Join('\n', lines) + $"\nqueue {count}\n");
        file.Sample(text =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                SubmitFile.ExpandText(text, "random.sub", options);
            }
            catch (SubmitFileException)
            {
                // A refused file is a fine outcome; what matters is what it cost.
            }

            return GC.GetAllocatedBytesForCurrentThread() - before < MemoryCap;
        }, iter: 500);
    }

    private static Gen<string> OneOf(params string[] values) => Gen.Int[0, values.Length - 1].Select(i => values[i]);

    private static (SubmitFileException Error, long Allocated) Measure(Action expand)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.ThrowsExactly<SubmitFileException>(expand);
        return (e, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
