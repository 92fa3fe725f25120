namespace VmMiddleware.ClassAds.Functions;

/// <summary>The clock and time zone that the time functions (<c>time</c>, <c>absTime</c>, <c>formatTime</c>, ...) read.</summary>
public static class FunctionClock
{
    private static TimeProvider s_provider = TimeProvider.System;

    /// <summary>Gets or sets the time provider; defaults to <see cref="TimeProvider.System"/>, tests pin it to a fake.</summary>
    public static TimeProvider Provider
    {
        get => s_provider;
        set => s_provider = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Gets the current time in seconds since the epoch.</summary>
    internal static long NowSeconds => Provider.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>Gets the local time-zone offset, in seconds east of UTC, in force at <paramref name="secondsSinceEpoch"/>.</summary>
    internal static int LocalOffset(long secondsSinceEpoch)
    {
        var instant = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(secondsSinceEpoch, -62135596800L, 253402300799L));
        return (int)Provider.LocalTimeZone.GetUtcOffset(instant).TotalSeconds;
    }
}
