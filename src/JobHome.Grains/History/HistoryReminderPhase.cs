namespace JobHome.Grains.History;

/// <summary>
/// When a site's history reminder fires: twice a day (<see cref="IndicatorHistoryGrain.Period"/>), once in the last hour
/// of the server's day (<see cref="RecordingHour"/>, at a per-site minute within <see cref="Window"/>) so the day's point
/// is its value near the day's end, and once twelve hours earlier so a day whose evening tick is missed (the silo down)
/// still has a point. Sites fire at a fixed minute of the window from a stable hash of the code, so a province's reminders
/// spread instead of all firing within the minute the import registered them in (each tick may wake the site's
/// aggregator).
/// </summary>
public static class HistoryReminderPhase
{
    /// <summary>The local time of day the recording window opens (the second tick is twelve hours earlier). Default: 23:00.</summary>
    public static readonly TimeSpan RecordingHour = TimeSpan.FromHours(23);

    /// <summary>How long the window is: every site's tick falls within it. Default: 50 minutes (done before midnight).</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(50);

    /// <summary>The site's offset in [0, <paramref name="span"/>): FNV-1a of the code (the same in every process).</summary>
    public static TimeSpan Of(string siteCode, TimeSpan span)
    {
        ArgumentException.ThrowIfNullOrEmpty(siteCode);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(span, TimeSpan.Zero);
        var hash = 14695981039346656037UL;
        foreach (var c in siteCode)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        return TimeSpan.FromTicks((long)(hash % (ulong)span.Ticks));
    }

    /// <summary>
    /// The site's tick on the day that begins at <paramref name="localMidnight"/> (the server zone's midnight as an
    /// instant): <see cref="RecordingHour"/> plus the site's offset within <see cref="Window"/>. Ticks repeat every period
    /// from there.
    /// </summary>
    public static DateTimeOffset AnchorOf(string siteCode, DateTimeOffset localMidnight) =>
        localMidnight + RecordingHour + Of(siteCode, Window);

    /// <summary>
    /// The due time from <paramref name="now"/> to the next instant congruent to <paramref name="anchor"/> modulo the period.
    /// </summary>
    public static TimeSpan DueFrom(DateTimeOffset now, DateTimeOffset anchor, TimeSpan period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(period, TimeSpan.Zero);
        var due = (anchor.UtcTicks - now.UtcTicks) % period.Ticks;
        return TimeSpan.FromTicks(due < 0 ? due + period.Ticks : due);
    }

    /// <summary>
    /// Whether a reminder ticking every <paramref name="reminderPeriod"/> from <paramref name="firstTick"/> is off the
    /// schedule: another period (one registered before this schedule: every 15 minutes), or ticks further than
    /// <paramref name="tolerance"/> from the instants congruent to <paramref name="anchor"/>. It is then registered again.
    /// </summary>
    public static bool IsOffSchedule(
        TimeSpan reminderPeriod, DateTime firstTick, DateTimeOffset anchor, TimeSpan period, TimeSpan tolerance)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(period, TimeSpan.Zero);
        if (reminderPeriod != period)
        {
            return true;
        }
        var distance = (firstTick.ToUniversalTime().Ticks - anchor.UtcTicks) % period.Ticks;
        distance = Math.Abs(distance);
        distance = Math.Min(distance, period.Ticks - distance);
        return distance > tolerance.Ticks;
    }
}
