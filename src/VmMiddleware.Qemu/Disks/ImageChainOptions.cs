using System.Text;
using VmMiddleware.Qemu.Storage;

namespace VmMiddleware.Qemu.Disks;

/// <summary>Writes qemu-img's --image-opts for a qcow2 file on top of an explicit backing chain, so that no layer's own (possibly stale) backing name is followed.</summary>
internal static class ImageChainOptions
{
    /// <summary>Returns driver=qcow2,file.filename=TOP,backing.driver=...,backing.file.filename=... for <paramref name="top"/> over <paramref name="chain"/> (top layer of the chain first).</summary>
    public static string For(string top, IReadOnlyList<ImageLayer> chain)
    {
        ArgumentException.ThrowIfNullOrEmpty(top);
        ArgumentNullException.ThrowIfNull(chain);
        var options = new StringBuilder("driver=qcow2,file.driver=file,file.filename=").Append(Escape(top));
        var prefix = "backing.";
        foreach (var layer in chain)
        {
            options.Append(',').Append(prefix).Append("driver=").Append(layer.Format)
                .Append(',').Append(prefix).Append("file.driver=file,").Append(prefix).Append("file.filename=").Append(Escape(layer.Path));
            prefix += "backing.";
        }

        return options.ToString();
    }

    private static string Escape(string value) => value.Replace(",", ",,", StringComparison.Ordinal);
}
