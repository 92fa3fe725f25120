namespace VmMiddleware.Remote.Transfer;

/// <summary>What <c>vmgrid job stage</c> did on the gateway: the job directory it built, or the contents it lacks or refused.</summary>
/// <param name="Directory">The job directory built, or null when contents were missing or corrupt (then nothing was built).</param>
/// <param name="Missing">The contents neither in the store nor uploaded completely (the client uploads them and stages again).</param>
/// <param name="Corrupt">The uploads whose content did not hash to their name; each was removed.</param>
/// <param name="Stored">How many contents entered the store from complete uploads.</param>
/// <param name="Present">How many contents the store held already.</param>
/// <param name="Evicted">The contents the trim to the cap evicted, least recently used first.</param>
public sealed record StageResult(string? Directory, IReadOnlyList<string> Missing, IReadOnlyList<CorruptUpload> Corrupt, int Stored, int Present, IReadOnlyList<string> Evicted);
