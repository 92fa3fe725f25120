namespace VmMiddleware.Factory.Security;

/// <summary>Who is calling: the local account and the end-entity subject it was mapped from.</summary>
/// <param name="Account">The local account.</param>
/// <param name="Subject">The end-entity subject (one-line form).</param>
public sealed record CallerIdentity(string Account, string Subject);
