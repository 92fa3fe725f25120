namespace VmMiddleware.Images.Building;

/// <summary>Where a build is: its phase, the action it is on (1-based, of how many) and the bytes written to new layers so far.</summary>
/// <param name="Phase">planning, waiting, base, boot (a builder VM starting), action, commit or done.</param>
/// <param name="ActionNumber">The 1-based number of the current action among those being built, or 0.</param>
/// <param name="ActionCount">How many actions this build runs.</param>
/// <param name="ActionId">The current action's node id, or null.</param>
/// <param name="BytesWritten">Bytes written to new layers so far.</param>
public sealed record BuildProgress(string Phase, int ActionNumber, int ActionCount, string? ActionId, long BytesWritten);
