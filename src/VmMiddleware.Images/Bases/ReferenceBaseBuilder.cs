using System.Globalization;
using System.Text;
using VmMiddleware.Host.Processes;
using VmMiddleware.Images.Store;

namespace VmMiddleware.Images.Bases;

/// <summary>Builds the reference base: a minimal Debian root file system from Debian's packages (mmdebstrap) written into an ext4 image without mounting (mke2fs -d), as qcow2.</summary>
/// <remarks>
/// mmdebstrap runs in <c>--mode=unshare</c>, which needs no root where unprivileged user namespaces and newuidmap (package uidmap) are available.
/// e2fsprogs 1.47.0 (Debian 12) takes only a directory for <c>-d</c>, and extracting the tarball with its owners and device nodes needs root;
/// with e2fsprogs 1.47.1 or later the tarball goes to mke2fs directly and no step needs root.
/// </remarks>
/// <param name="runner">Runs mmdebstrap, tar, mke2fs and qemu-img.</param>
/// <param name="time">Measures the build.</param>
public sealed class ReferenceBaseBuilder(IProcessRunner runner, TimeProvider time)
{
    /// <summary>Builds the base described by <paramref name="recipe"/> into the qcow2 file <paramref name="outputQcow2"/>.</summary>
    /// <param name="recipe">What to build.</param>
    /// <param name="outputQcow2">The image to write.</param>
    /// <param name="workDirectory">A scratch directory (about 350 MB are used; removed afterwards).</param>
    /// <param name="cancellationToken">Cancels the build.</param>
    public async Task<ReferenceBaseResult> BuildAsync(ReferenceBaseRecipe recipe, string outputQcow2, string workDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        var started = time.GetTimestamp();
        var log = new StringBuilder();
        var work = Directory.CreateDirectory(Path.Combine(workDirectory, "refbase-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        try
        {
            var version = (await runner.RunAsync("mmdebstrap", ["--version"], cancellationToken).ConfigureAwait(false)).EnsureSuccess().StandardOutput.Trim();
            var tar = Path.Combine(work, "rootfs.tar");
            var packages = Path.Combine(work, "packages.txt");
            List<string> args =
            [
                "--mode=unshare", "--variant=" + recipe.Variant, "--format=tar",
                "--dpkgopt=path-exclude=/usr/share/man/*", "--dpkgopt=path-exclude=/usr/share/doc/*",
                "--customize-hook=dpkg-query --admindir=\"$1/var/lib/dpkg\" -W -f '${Package} ${Version}\\n' > " + Quote(packages),
            ];
            if (recipe.Include.Count > 0)
            {
                args.Add("--include=" + string.Join(',', recipe.Include));
            }

            args.Add(recipe.Suite);
            args.Add(tar);
            if (recipe.Mirror is not null)
            {
                args.Add(recipe.Mirror);
            }

            log.AppendLine(CultureInfo.InvariantCulture, $"{version}: mmdebstrap {string.Join(' ', args)}");
            log.Append((await runner.RunAsync("mmdebstrap", args, cancellationToken).ConfigureAwait(false)).EnsureSuccess().StandardError);

            var raw = Path.Combine(work, "rootfs.raw");
            var size = (recipe.SizeBytes / 1024).ToString(CultureInfo.InvariantCulture) + "k";
            string source;
            if (await MkeFsTakesTarballsAsync(cancellationToken).ConfigureAwait(false))
            {
                source = tar;
            }
            else
            {
                source = Directory.CreateDirectory(Path.Combine(work, "root")).FullName;
                (await runner.RunAsync("tar", ["-xpf", tar, "-C", source, "--numeric-owner"], cancellationToken).ConfigureAwait(false)).EnsureSuccess();
            }

            log.Append((await runner.RunAsync("mke2fs", ["-q", "-F", "-t", "ext4", "-L", "vmgrid-root", "-d", source, raw, size], cancellationToken).ConfigureAwait(false)).EnsureSuccess().StandardError);
            await new QemuImg(runner).ConvertAsync(raw, outputQcow2, "qcow2", "raw", cancellationToken: cancellationToken).ConfigureAwait(false);
            var list = (await File.ReadAllLinesAsync(packages, cancellationToken).ConfigureAwait(false)).Where(l => l.Length > 0).ToList();
            log.AppendLine(CultureInfo.InvariantCulture, $"{list.Count} packages:").AppendJoin('\n', list).AppendLine();
            return new ReferenceBaseResult(outputQcow2, list, version, time.GetElapsedTime(started), log.ToString());
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private async Task<bool> MkeFsTakesTarballsAsync(CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync("mke2fs", ["-V"], cancellationToken).ConfigureAwait(false);
        var words = result.StandardError.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
        return words.Length > 1 && Version.TryParse(words[1], out var version) && version >= new Version(1, 47, 1);
    }

    private static string Quote(string path) => "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
