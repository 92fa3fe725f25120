namespace VmMiddleware.Host.Processes;

/// <summary>How the <see cref="ProcessRunner"/> finds programs, stops them and bounds what it keeps of their output.</summary>
public sealed record ProcessRunnerOptions
{
    /// <summary>Gets the directories a program given by name is looked up in, in order; <see cref="ProgramSearch.SystemDirectories"/> by default (the edge passes PATH).</summary>
    public IReadOnlyList<string> SearchPath { get; init; } = ProgramSearch.SystemDirectories;

    /// <summary>Gets how long a cancelled program has between SIGTERM and SIGKILL; 2 seconds by default.</summary>
    public TimeSpan TerminationGrace { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets how many characters of each output stream are kept (the last ones when there are more); 1 Mi by default.</summary>
    public int OutputLimit { get; init; } = 1 << 20;

    /// <summary>Gets the clock that times the termination grace; the system clock by default.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
