namespace VmMiddleware.Qemu.Bundle;

/// <summary>The shared libraries and the dynamic loader that <c>ldd</c> lists for one ELF file.</summary>
/// <param name="Libraries">Each needed library as (soname, resolved path); the kernel's vDSO is left out.</param>
/// <param name="Loader">The dynamic loader's path, or null when ldd names none.</param>
internal sealed record LddOutput(IReadOnlyList<(string Soname, string Path)> Libraries, string? Loader)
{
    /// <summary>Parses ldd's text; a library ldd reports "not found" is an error naming it.</summary>
    public static LddOutput Parse(string text, string file)
    {
        var libraries = new List<(string, string)>();
        string? loader = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith("linux-vdso", StringComparison.Ordinal) || line.StartsWith("linux-gate", StringComparison.Ordinal))
            {
                continue;
            }

            var arrow = line.IndexOf(" => ", StringComparison.Ordinal);
            if (arrow < 0)
            {
                // "/lib64/ld-linux-x86-64.so.2 (0x...)": the program interpreter.
                if (line.StartsWith('/'))
                {
                    loader = StripAddress(line);
                }

                continue;
            }

            var soname = line[..arrow].Trim();
            var target = StripAddress(line[(arrow + 4)..].Trim());
            if (target == "not found" || target.Length == 0)
            {
                throw new InvalidDataException($"{file}: ldd cannot find {soname}; install it before bundling");
            }

            libraries.Add((soname, target));
        }

        return new LddOutput(libraries, loader);
    }

    private static string StripAddress(string text)
    {
        var paren = text.LastIndexOf(" (0x", StringComparison.Ordinal);
        return (paren < 0 ? text : text[..paren]).Trim();
    }
}
