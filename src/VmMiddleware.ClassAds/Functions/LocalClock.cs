namespace VmMiddleware.ClassAds.Functions;

/// <summary>What the time functions (<c>time</c>, <c>absTime</c>, <c>formatTime</c>, ...) read from the clock that the
/// evaluation (or, for time literals folded at parse time, the parse) was given.</summary>
internal static class LocalClock
{
    /// <summary>Gets the current time of <paramref name="clock"/> in seconds since the epoch.</summary>
    public static long NowSeconds(TimeProvider clock) => clock.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>Gets the offset of <paramref name="clock"/>'s local time zone, in seconds east of UTC, in force at
    /// <paramref name="secondsSinceEpoch"/>.</summary>
    public static int Offset(TimeProvider clock, long secondsSinceEpoch)
    {
        var instant = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(secondsSinceEpoch, -62135596800L, 253402300799L));
        return (int)clock.LocalTimeZone.GetUtcOffset(instant).TotalSeconds;
    }
}
