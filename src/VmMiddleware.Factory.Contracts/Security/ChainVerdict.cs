namespace VmMiddleware.Factory.Contracts.Security;

/// <summary>The outcome of validating a presented certificate chain: the end-entity subject when valid, else why not.</summary>
/// <param name="Valid">Whether the chain is valid.</param>
/// <param name="Subject">The end-entity subject in one-line form (also set when invalid, if the chain got that far), or null.</param>
/// <param name="Reason">Why it is not valid, in one line, or null.</param>
/// <param name="ProxyDepth">How many proxy certificates lead to the end-entity.</param>
/// <param name="Limited">Whether a limited proxy is in the chain.</param>
public sealed record ChainVerdict(bool Valid, string? Subject, string? Reason, int ProxyDepth, bool Limited)
{
    /// <summary>Returns a refusal with <paramref name="reason"/>.</summary>
    public static ChainVerdict Refuse(string reason, string? subject = null) => new(false, subject, reason, 0, false);
}
