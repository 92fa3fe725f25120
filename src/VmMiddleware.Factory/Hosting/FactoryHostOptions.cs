using VmMiddleware.Images.Building;

namespace VmMiddleware.Factory.Hosting;

/// <summary>What embeds the service may change besides the settings: the executor (tests), the clock, logging.</summary>
public sealed record FactoryHostOptions
{
    /// <summary>Gets a replacement for the builder-VM executor (given the ticket's log), or null.</summary>
    public Func<Action<string>, IActionExecutor>? Executor { get; init; }

    /// <summary>Gets the clock; the system clock by default.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Gets the lowest log level; Information by default.</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Information;
}
