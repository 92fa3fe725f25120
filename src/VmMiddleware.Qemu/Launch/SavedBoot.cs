namespace VmMiddleware.Qemu.Launch;

/// <summary>A boot checkpoint in the cache: its manifest and the state file to restore with -incoming.</summary>
/// <param name="Manifest">The device set and placeholder disk sizes.</param>
/// <param name="StateFile">The saved VM state.</param>
/// <param name="Created">Whether this call created it (false: it was cached).</param>
/// <param name="RestoreKernel">The stub kernel QEMU loads for the restore (<see cref="PvhStubKernel"/>), or null for an older checkpoint without one.</param>
internal sealed record SavedBoot(BootCheckpointManifest Manifest, string StateFile, bool Created, string? RestoreKernel = null);
