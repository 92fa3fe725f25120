namespace VmMiddleware.Translation.Staging;

/// <summary>A factory service that staging asks whether it holds a file the job would ship, so the job names a vmimage:// URL instead.</summary>
public interface IFactoryContent
{
    /// <summary>Gets the service's HOST:PORT, as a vmimage:// URL names it.</summary>
    string Authority { get; }

    /// <summary>Looks up the image file at <paramref name="path"/> on the service, by its content (SHA-256 and size) and then by its name (a STATE.qcow2 file).</summary>
    /// <param name="path">The image file on this host.</param>
    /// <param name="cancellationToken">Stops the lookup.</param>
    /// <returns>What the service answered; <see cref="FactoryLookup.StateId"/> is null when it does not hold the image.</returns>
    Task<FactoryLookup> FindImageAsync(string path, CancellationToken cancellationToken);

    /// <summary>Looks up a shipped file (the launcher, the QEMU bundle, the guest archive) among the files the service publishes by SHA-256.</summary>
    /// <param name="path">The file on this host.</param>
    /// <param name="cancellationToken">Stops the lookup.</param>
    /// <returns>What the service answered; <see cref="FactoryLookup.StateId"/> is the file's SHA-256 when it publishes it, else null.</returns>
    Task<FactoryLookup> FindArtifactAsync(string path, CancellationToken cancellationToken);
}
