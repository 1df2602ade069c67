using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace JobHome.Grains.Matching;

/// <summary>
/// Diagnostics of the stored post lists: the histogram <see cref="RefreshLagName"/> on meter <see cref="MeterName"/> (how
/// far a refresh trails the first change that made the list stale, in milliseconds), and the in-process diagnostic event
/// <see cref="RefreshedEvent"/> on listener <see cref="MeterName"/> naming the seeker (written only while someone listens).
/// </summary>
public static class PostListMetrics
{
    /// <summary>The meter's and the diagnostic listener's name.</summary>
    public const string MeterName = "JobHome.Grains.PostLists";

    /// <summary>The histogram's name.</summary>
    public const string RefreshLagName = "jobhome.post_list.refresh_lag";

    /// <summary>The diagnostic event written after each refresh, with a <see cref="PostListRefreshed"/> payload.</summary>
    public const string RefreshedEvent = "Refreshed";

    private static readonly Meter Meter = new(MeterName);

    private static readonly DiagnosticListener Diagnostics = new(MeterName);

    private static readonly Histogram<double> RefreshLag = Meter.CreateHistogram<double>(RefreshLagName, "ms",
        "Time from the first change that made a seeker's stored post list stale (or its registration) to its refresh");

    /// <summary>Records one refresh of <paramref name="seekerId"/>'s list, stale since <paramref name="staleSince"/> (a
    /// timestamp).</summary>
    internal static void RecordRefresh(string seekerId, long staleSince, MatchItem[] items, int partitions) =>
        RecordRefresh(seekerId, Stopwatch.GetElapsedTime(staleSince).TotalMilliseconds, items, partitions);

    /// <summary>Records one refresh of <paramref name="seekerId"/>'s list, <paramref name="lag"/> ms after it went stale.</summary>
    internal static void RecordRefresh(string seekerId, double lag, MatchItem[] items, int partitions)
    {
        RefreshLag.Record(lag);
        if (Diagnostics.IsEnabled(RefreshedEvent))
        {
            var ids = new string[items.Length];
            for (var i = 0; i < ids.Length; i++)
            {
                ids[i] = items[i].Id;
            }
            Diagnostics.Write(RefreshedEvent, new PostListRefreshed(seekerId, lag, ids, partitions));
        }
    }
}
