using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using VmMiddleware.Host.Durability;

namespace VmMiddleware.Qemu.Installation;

/// <summary>
/// Remembers which guest directory src/guest/build.sh last printed, keyed on what decides its content hash without running it
/// (the script and agent sources, the environment variables that change what it builds, and the state of apt's package lists, which name the .deb
/// versions): a cached build then costs a few file reads instead of seconds of apt-cache and sha256sum.
/// </summary>
internal static class GuestBuildStamp
{
    public const string FileName = "last-build.stamp";
    private static readonly string[] GuestFiles = ["build.sh", "init"];
    private static readonly string[] GuestOutputs = ["vmlinux", "initramfs.cpio", "kernel.cmdline", "kernel-wait.cmdline", "manifest.json"];
    private static readonly string[] AptState = ["/var/lib/apt/lists", "/var/cache/apt/pkgcache.bin", "/etc/apt/sources.list", "/etc/apt/sources.list.d"];

    /// <summary>Returns the guest directory the stamp in <paramref name="outRoot"/> names when its key still matches and the directory is complete, else null.</summary>
    /// <param name="script">src/guest/build.sh.</param>
    /// <param name="outRoot">The directory builds go to.</param>
    /// <param name="variables">The build's environment variables that change what it builds (see <see cref="GuestLocatorOptions.BuildVariables"/>); none by default.</param>
    public static string? Read(string script, string outRoot, IReadOnlyDictionary<string, string>? variables = null)
    {
        try
        {
            var lines = File.ReadAllLines(Path.Combine(outRoot, FileName));
            return lines.Length == 2 && lines[0] == Key(script, variables) && GuestOutputs.All(f => File.Exists(Path.Combine(lines[1], f))) ? lines[1] : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Records that <paramref name="script"/> produced <paramref name="guestDirectory"/> (written atomically).</summary>
    public static void Write(string script, string outRoot, string guestDirectory, IReadOnlyDictionary<string, string>? variables = null)
    {
        DurableFile.WriteAllText(Path.Combine(outRoot, FileName), Key(script, variables) + "\n" + guestDirectory + "\n");
    }

    internal static string Key(string script, IReadOnlyDictionary<string, string>? variables)
    {
        var text = new StringBuilder();
        var directory = Path.GetDirectoryName(Path.GetFullPath(script))!;
        foreach (var name in GuestFiles)
        {
            var file = Path.Combine(directory, name);
            text.Append(name).Append(' ').Append(File.Exists(file) ? Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file))) : "missing").Append('\n');
        }

        foreach (var variable in GuestLocatorOptions.GuestBuildVariableNames)
        {
            text.Append(variable).Append('=').Append(variables?.GetValueOrDefault(variable)).Append('\n');
        }

        foreach (var path in AptState)
        {
            var stamp = Directory.Exists(path) ? Directory.GetLastWriteTimeUtc(path).Ticks : File.Exists(path) ? File.GetLastWriteTimeUtc(path).Ticks : 0;
            text.Append(CultureInfo.InvariantCulture, $"{path} {stamp}\n");
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
