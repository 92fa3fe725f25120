namespace VmMiddleware.Qemu.Launch;

/// <summary>What ended the watch over a running VM.</summary>
internal enum SessionEndKind
{
    Done,
    AgentError,
    Waiting,
    Exited,
    TimedOut,
    Hung,
    NeverBooted,
    Evicted,
    Cancelled,
}
