namespace JobHome.Grains.Time;

/// <summary>
/// The server's date in the configured time zone. Grains take dates from here, never from <see cref="DateTime.Now"/>;
/// tests give it a fake <see cref="TimeProvider"/> without touching the one Orleans itself runs on.
/// </summary>
public sealed class ServerClock
{
    private readonly TimeZoneInfo _zone;

    /// <summary>Creates a clock over <paramref name="time"/> in the zone of <paramref name="options"/>.</summary>
    public ServerClock(TimeProvider time, ServerClockOptions options)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(options);
        Time = time;
        _zone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZoneId);
    }

    /// <summary>The underlying time source.</summary>
    public TimeProvider Time { get; }

    /// <summary>The current instant.</summary>
    public DateTimeOffset Now => Time.GetUtcNow();

    /// <summary>Today's date in the configured zone.</summary>
    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Time.GetUtcNow(), _zone).DateTime);

    /// <summary>The instant local midnight begins on <paramref name="date"/>.</summary>
    public DateTimeOffset StartOf(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, _zone.GetUtcOffset(local));
    }
}
