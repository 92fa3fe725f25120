namespace VmMiddleware.Images.Building;

/// <summary>The console markers a builder VM prints (the agent's and the builder job's).</summary>
internal enum BuilderMarkerKind
{
    Booted,
    ActionStart,
    ActionEnd,
    Layer,
    AgentError,
    Exit,
    Done,
}
