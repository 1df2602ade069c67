using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace JobHome.Grains.Matching;

/// <summary>
/// Meters of the stored post lists (meter <see cref="MeterName"/>): how far a refresh trails the first change that made
/// the list stale, in milliseconds.
/// </summary>
public static class PostListMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "JobHome.Grains.PostLists";

    /// <summary>The histogram's name.</summary>
    public const string RefreshLagName = "jobhome.post_list.refresh_lag";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Histogram<double> RefreshLag = Meter.CreateHistogram<double>(RefreshLagName, "ms",
        "Time from the first change that made a seeker's stored post list stale (or its registration) to its refresh");

    /// <summary>Records one refresh that trailed the stale mark taken at <paramref name="staleSince"/> (Stopwatch ticks).</summary>
    internal static void RecordRefresh(long staleSince) =>
        RefreshLag.Record(Stopwatch.GetElapsedTime(staleSince).TotalMilliseconds);
}
