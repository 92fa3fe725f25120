namespace VmMiddleware.Images.Bases;

/// <summary>A base the factory knows by name; requests name it with <c>&lt;base ref="NAME"/&gt;</c>.</summary>
/// <param name="Name">The name requests use.</param>
/// <param name="Kind">What kind of base it is.</param>
/// <param name="ImagePath">The absolute path of the disk image (null for the reference base, which the factory builds).</param>
/// <param name="Format">The image's format (raw, qcow2, ...), or null.</param>
/// <param name="Kernel">The absolute path of the kernel that boots it, or null.</param>
/// <param name="Identity">The content identity that goes into the base node's hash (the image's SHA-256, or the reference recipe's key).</param>
/// <param name="RegisteredUtc">When it was registered.</param>
public sealed record RegisteredBase(string Name, BaseKind Kind, string? ImagePath, string? Format, string? Kernel, string Identity, DateTimeOffset RegisteredUtc);
