namespace VmMiddleware.Qemu.Tests.Volumes;

/// <summary>
/// Output volumes a hostile guest can write, one malformed entry each, between safe entries: stdout and stderr before it,
/// after.txt behind it. Each case names the entry the refusal must name, a piece of the rule, and whether the archive can
/// be read past the bad entry (then after.txt is kept too).
/// </summary>
public static class MalformedOutputCorpus
{
    private const long ThreeGiB = 3L << 30;

    private static readonly string LongPath = string.Join('/', Enumerable.Repeat(new string('d', 200), 20)) + "/" + new string('f', 39);

    private static readonly string DeepPath = string.Concat(Enumerable.Repeat("a/", 2030)) + "leaf";

    public static IEnumerable<object[]> Cases =>
    [
        Case("PAX header claiming 3 GiB", t => t.Claim("./PaxHeaders/evil", 'x', ThreeGiB), "./PaxHeaders/evil", "PAX extended header claims 3221225472 bytes", endsArchive: true),
        Case("PAX header claiming 2 GiB - 1", t => t.Claim("./PaxHeaders/evil", 'x', int.MaxValue), "./PaxHeaders/evil", "claims 2147483647 bytes", endsArchive: true),
        Case("PAX header size in base-256", t => t.ClaimBase256("./PaxHeaders/evil", 'x', 1L << 40), "./PaxHeaders/evil", "claims 1099511627776 bytes", endsArchive: true),
        Case("PAX global header claiming 3 GiB", t => t.Claim("pax_global_header", 'g', ThreeGiB), "pax_global_header", "PAX global header", endsArchive: true),
        Case("GNU long name over 2 GiB", t => t.Claim("././@LongLink", 'L', (2L << 30) + 5), "././@LongLink", "GNU long-name header claims 2147483653 bytes", endsArchive: true),
        Case("GNU long link claiming 3 GiB", t => t.Claim("././@LongLink", 'K', ThreeGiB), "././@LongLink", "GNU long-link header", endsArchive: true),
        Case("GNU sparse member", t => t.Entry("./sparse.bin", 'S', new byte[10]), "./sparse.bin", "GNU sparse files are not allowed", endsArchive: true),
        Case("output path of 4,061 characters", t => t.LongFile("./" + LongPath, "x"), "./" + LongPath[..62], "too long for the host", endsArchive: false),
        Case("deep path of 2,030 directories", t => t.LongFile("./" + DeepPath, "x"), "./" + DeepPath[..62], "too long for the host", endsArchive: false),
        Case("path component over 255 bytes", t => t.LongFile("./" + new string('n', 300), "x"), "./" + new string('n', 62), "over the host's limit of 255", endsArchive: false),
        Case("PAX path with '..'", t => t.Pax("./PaxHeaders/x", ("path", "../../evil")).File("./innocent", "x"), "../../evil", "'..'", endsArchive: false),
        Case("absolute path", t => t.File("/etc/evil", "x"), "/etc/evil", "absolute paths", endsArchive: false),
        Case("'..' traversal", t => t.File("./a/../../evil", "x"), "./a/../../evil", "'..'", endsArchive: false),
        Case("absolute symbolic link", t => t.Entry("./leak", '2', [], "/etc/passwd"), "./leak", "/etc/passwd", endsArchive: false),
        Case("symbolic link with '..'", t => t.Entry("./leak", '2', [], "../../etc"), "./leak", "may not contain '..'", endsArchive: false),
        Case("hard link", t => t.Entry("./passwd", '1', [], "/etc/passwd"), "./passwd", "hard links", endsArchive: false),
        Case("character device", t => t.Entry("./null", '3', []), "./null", "device files", endsArchive: false),
        Case("block device", t => t.Entry("./sda", '4', []), "./sda", "device files", endsArchive: false),
        Case("FIFO", t => t.Entry("./pipe", '6', []), "./pipe", "FIFOs", endsArchive: false),
        Case("file over the per-file limit", t => t.File("./big.bin", new string('x', 2000)), "./big.bin", "per-file limit", endsArchive: false),
        Case("duplicate of stdout", t => t.File("./stdout", "second"), "./stdout", "twice", endsArchive: false),
        Case("file data cut short", t => t.Claim("./cut.bin", '0', 1000).Garbage(100).Cut(), "./cut.bin", "ends inside this file's data", endsArchive: true),
        Case("garbage header", t => t.Garbage(512), "the output volume is not a valid tar archive after", "entries", endsArchive: true),
    ];

    /// <summary>Returns the display name of a case for the test report.</summary>
    public static string Name(System.Reflection.MethodInfo method, object[] data) => $"{method.Name} ({data[0]})";

    private static object[] Case(string name, Func<CraftedTar, CraftedTar> bad, string entry, string rule, bool endsArchive) =>
        [name, bad, entry, rule, endsArchive];
}
