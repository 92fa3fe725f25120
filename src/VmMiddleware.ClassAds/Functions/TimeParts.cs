namespace VmMiddleware.ClassAds.Functions;

/// <summary>The broken-down fields of a time (C's <c>struct tm</c>), as <c>formatTime</c> prints them.</summary>
/// <param name="Year">The year, e.g. 1997.</param>
/// <param name="Month">The month, 1 to 12.</param>
/// <param name="Day">The day of the month, 1 to 31.</param>
/// <param name="Hour">The hour, 0 to 23.</param>
/// <param name="Minute">The minute, 0 to 59.</param>
/// <param name="Second">The second, 0 to 60.</param>
/// <param name="Offset">The time-zone offset in seconds east of UTC.</param>
internal readonly record struct TimeParts(long Year, long Month, long Day, long Hour, long Minute, long Second, int Offset)
{
    /// <summary>Gets the day of the week, 0 (Sunday) to 6.</summary>
    public int WeekDay => (int)(((DaysFromEpoch(Year, Month, Day) % 7) + 11) % 7);

    /// <summary>Gets the day of the year, 0 to 365.</summary>
    public int YearDay => (int)(DaysFromEpoch(Year, Month, Day) - DaysFromEpoch(Year, 1, 1));

    /// <summary>Gets the seconds since the epoch of these fields read as UTC.</summary>
    public long FieldSeconds => (DaysFromEpoch(Year, Month, Day) * 86400) + (Hour * 3600) + (Minute * 60) + Second;

    /// <summary>Breaks an instant down in the time zone <paramref name="offset"/> seconds east of UTC.</summary>
    public static TimeParts FromInstant(long seconds, int offset)
    {
        var t = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds + offset, -62135596800L, 253402300799L)).UtcDateTime;
        return new TimeParts(t.Year, t.Month, t.Day, t.Hour, t.Minute, t.Second, offset);
    }

    // Days since 1970-01-01 of a proleptic Gregorian date; the day may lie outside the month (0 is the last day of
    // the month before), as C's struct tm allows.
    private static long DaysFromEpoch(long year, long month, long day)
    {
        year += Math.DivRem(month - 1, 12, out var m);
        if (m < 0)
        {
            m += 12;
            year--;
        }

        // Count from March so that the leap day falls at the end of the counting year.
        var y = m < 2 ? year - 1 : year;
        var era = (y >= 0 ? y : y - 399) / 400;
        var yearOfEra = y - (era * 400);
        var shiftedMonth = (m + 10) % 12;
        var dayOfYear = ((153 * shiftedMonth) + 2) / 5;
        var dayOfEra = (yearOfEra * 365) + (yearOfEra / 4) - (yearOfEra / 100) + dayOfYear;
        return (era * 146097) + dayOfEra - 719468 + day - 1;
    }
}
