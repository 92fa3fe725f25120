using System.IO.Enumeration;
using VmMiddleware.WorkUnits;

namespace VmMiddleware.Qemu.Launch;

/// <summary>Checks which declared outputs the guest actually produced.</summary>
internal static class OutputPresence
{
    public static IReadOnlyList<string> Missing(IReadOnlyList<OutputSpec> outputs, string directory)
    {
        var missing = new List<string>();
        foreach (var output in outputs)
        {
            var found = output.IsGlob
                ? Directory.EnumerateFileSystemEntries(directory, "*", SearchOption.AllDirectories)
                    .Any(p => FileSystemName.MatchesSimpleExpression(output.Path, Path.GetRelativePath(directory, p), ignoreCase: false))
                : output.IsDirectory
                    ? Directory.Exists(Path.Combine(directory, output.Path))
                    : File.Exists(Path.Combine(directory, output.Path)) || Directory.Exists(Path.Combine(directory, output.Path));
            if (!found)
            {
                missing.Add(output.Path);
            }
        }

        return missing;
    }
}
