namespace VmMiddleware.Translation.Staging;

/// <summary>The files every staged job ships besides its work unit (the launcher, the QEMU bundle, the reference guest), which the caller provides.</summary>
public interface IJobArtifacts
{
    /// <summary>Puts the shipped files into <paramref name="directory"/> under the job layout's names, the guest archive only when <paramref name="needsGuest"/> is set.</summary>
    /// <param name="directory">The job directory being built.</param>
    /// <param name="needsGuest">Whether a work unit boots the reference guest (its image is not a bootable disk).</param>
    /// <param name="progress">Receives one line per step or warning worth showing.</param>
    /// <param name="cancellationToken">Stops the packing.</param>
    /// <returns>A task that completes when the files are in place.</returns>
    Task WriteIntoAsync(string directory, bool needsGuest, Action<string> progress, CancellationToken cancellationToken);
}
