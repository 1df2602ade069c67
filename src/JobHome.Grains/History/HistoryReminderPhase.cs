namespace JobHome.Grains.History;

/// <summary>
/// Where in its period a site's history reminder fires: a fixed phase from a stable hash of the site code, so the
/// province's sites record their points spread over the whole period instead of all within a minute (every site's reminder
/// was registered in one burst by the import, and each tick wakes the site's aggregator).
/// </summary>
public static class HistoryReminderPhase
{
    /// <summary>The site's phase in [0, <paramref name="period"/>): FNV-1a of the code (the same in every process).</summary>
    public static TimeSpan Of(string siteCode, TimeSpan period)
    {
        ArgumentException.ThrowIfNullOrEmpty(siteCode);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(period, TimeSpan.Zero);
        var hash = 14695981039346656037UL;
        foreach (var c in siteCode)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        return TimeSpan.FromTicks((long)(hash % (ulong)period.Ticks));
    }

    /// <summary>The due time from <paramref name="now"/> to the next instant at <paramref name="phase"/> of the period.</summary>
    public static TimeSpan DueFrom(DateTimeOffset now, TimeSpan phase, TimeSpan period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(period, TimeSpan.Zero);
        var into = now.UtcTicks % period.Ticks;
        var due = (phase.Ticks - into) % period.Ticks;
        return TimeSpan.FromTicks(due < 0 ? due + period.Ticks : due);
    }

    /// <summary>
    /// Whether a reminder whose first tick was at <paramref name="firstTick"/> fires more than <paramref name="tolerance"/>
    /// away from <paramref name="phase"/> (one registered before phases existed): it is then registered again.
    /// </summary>
    public static bool IsOffPhase(DateTime firstTick, TimeSpan phase, TimeSpan period, TimeSpan tolerance)
    {
        var at = firstTick.ToUniversalTime().Ticks % period.Ticks;
        var distance = Math.Abs(at - phase.Ticks);
        distance = Math.Min(distance, period.Ticks - distance);
        return distance > tolerance.Ticks;
    }
}
