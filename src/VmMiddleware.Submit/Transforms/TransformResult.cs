namespace VmMiddleware.Submit.Transforms;

/// <summary>What applying a transform reported: the statements it skipped, each "rules(line N): cause" (HTCondor logs these and goes on).</summary>
/// <param name="Errors">The skipped statements' messages, in order; empty when every statement applied.</param>
public sealed record TransformResult(IReadOnlyList<string> Errors);
