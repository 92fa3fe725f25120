using VmMiddleware.Images.Dag;

namespace VmMiddleware.Images.Bases;

/// <summary>What the reference base is made of: a Debian suite, an mmdebstrap variant, extra packages, a mirror and a disk size.</summary>
/// <param name="Suite">The Debian suite (default bookworm).</param>
/// <param name="Variant">The mmdebstrap variant (default apt: Essential packages plus apt).</param>
/// <param name="Include">Extra packages (default passwd for useradd, e2fsprogs for resize2fs).</param>
/// <param name="Mirror">The mirror URL (pin a snapshot.debian.org URL for reproducible bases), or null for the host's apt sources.</param>
/// <param name="SizeBytes">The ext4 file system's size in bytes (default 1 GiB; sparse).</param>
public sealed record ReferenceBaseRecipe(string Suite, string Variant, IReadOnlyList<string> Include, string? Mirror, long SizeBytes)
{
    /// <summary>The version of the build procedure; bump it when the steps change so old bases stop matching.</summary>
    public const int BuilderVersion = 1;

    /// <summary>Gets the default recipe: bookworm, variant apt, passwd and e2fsprogs, host mirror, 1 GiB.</summary>
    public static ReferenceBaseRecipe Default { get; } = new("bookworm", "apt", ["passwd", "e2fsprogs"], null, 1L << 30);

    /// <summary>Gets the recipe's content key: a hash of every input above and the builder version.</summary>
    public string Key
    {
        get
        {
            using var encoder = new CanonicalEncoder("vmgrid-reference-base/1");
            encoder.Field("builder", BuilderVersion).Field("suite", Suite).Field("variant", Variant).Field("mirror", Mirror).Field("size", SizeBytes);
            foreach (var package in Include.Order(StringComparer.Ordinal))
            {
                encoder.Field("include", package);
            }

            return encoder.ToHex();
        }
    }
}
