namespace JobHome.Grains.Time;

/// <summary>Where the server's calendar date comes from.</summary>
public sealed class ServerClockOptions
{
    /// <summary>The IANA time zone whose calendar gives "today" for every date rule. Default: <c>Asia/Shanghai</c>.</summary>
    public string TimeZoneId { get; set; } = "Asia/Shanghai";
}
