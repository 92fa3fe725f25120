namespace VmMiddleware.ClassAds.Tests.Functions;

/// <summary>A clock stopped at one instant, in a time zone of fixed offset.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now, TimeSpan localOffset) : TimeProvider
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.CreateCustomTimeZone("Test/Fixed", localOffset, "Test/Fixed", "TST");

    public override TimeZoneInfo LocalTimeZone => _zone;

    public override DateTimeOffset GetUtcNow() => now;
}
