using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace JobHome.Grains.Matching;

/// <summary>
/// Diagnostics of the stored post lists: the histogram <see cref="RefreshLagName"/> on meter <see cref="MeterName"/> (how
/// far a refresh trails the first change that made the list stale, in milliseconds), and the in-process diagnostic event
/// <see cref="RefreshedEvent"/> on listener <see cref="MeterName"/> naming the seeker (written only while someone listens);
/// and the counters of what the lists cost in grain calls: partition queries of stored lists by cause
/// (<see cref="PartitionQueriesName"/>), partitions a notice named but the floor left out (<see cref="SkippedName"/>), partitions
/// a background refresh deferred for want of a permit (<see cref="DeferredName"/>), stale
/// notices queued and sent (<see cref="NoticesQueuedName"/>, <see cref="NoticesSentName"/>) and the partitions a new post
/// asks for its top seekers (<see cref="SeekerQueriesName"/>), listings released by deactivated seekers
/// (<see cref="ReleasedName"/>) and a refresh's items explained or reused (<see cref="ItemsExplainedName"/>,
/// <see cref="ItemsReusedName"/>).
/// </summary>
public static class PostListMetrics
{
    /// <summary>The meter's and the diagnostic listener's name.</summary>
    public const string MeterName = "JobHome.Grains.PostLists";

    /// <summary>The histogram's name.</summary>
    public const string RefreshLagName = "jobhome.post_list.refresh_lag";

    /// <summary>The diagnostic event written after each refresh, with a <see cref="PostListRefreshed"/> payload.</summary>
    public const string RefreshedEvent = "Refreshed";

    /// <summary>
    /// The diagnostic event written for each partition query of a stored list (written only while someone listens), with a
    /// <see cref="PostListPartitionAsked"/> payload: which partitions a refresh asked, not only how many.
    /// </summary>
    public const string AskedEvent = "PartitionAsked";

    /// <summary>Counter of partition queries (<c>TopPostsAsync</c>) made to refresh stored lists, tagged <c>cause</c>.</summary>
    public const string PartitionQueriesName = "jobhome.post_list.partition_queries";

    /// <summary>Counter of partitions a stale notice named that were not asked (the new posts scored below the floor).</summary>
    public const string SkippedName = "jobhome.post_list.partitions_skipped";

    /// <summary>
    /// Counter of partitions a background refresh (notice or timer) did not ask because none of the partition's refresh
    /// permits was free (<see cref="PartitionRefreshPermits"/>); the seeker retries on its timer.
    /// </summary>
    public const string DeferredName = "jobhome.post_list.refreshes_deferred";

    /// <summary>Counter of stale notices queued (one per seeker per cause, before coalescing).</summary>
    public const string NoticesQueuedName = "jobhome.post_list.notices_queued";

    /// <summary>Counter of stale notices sent (one per seeker per window).</summary>
    public const string NoticesSentName = "jobhome.post_list.notices_sent";

    /// <summary>Counter of partition queries (<c>TopSeekersUnexplainedAsync</c>) for new or changed posts' top seekers.</summary>
    public const string SeekerQueriesName = "jobhome.post_list.seeker_queries";

    /// <summary>
    /// The diagnostic event written when a deactivated seeker activation releases its listings; payload: the seeker's id.
    /// </summary>
    public const string ReleasedEvent = "ListingsReleased";

    /// <summary>The diagnostic event written when a partition forgets released listings, with a <see cref="ListingsForgotten"/>
    /// payload.</summary>
    public const string ForgottenEvent = "ListingsForgotten";

    /// <summary>Counter of listings released by deactivated seeker activations (one per seeker per partition).</summary>
    public const string ReleasedName = "jobhome.post_list.listings_released";

    /// <summary>Counter of a new post's top seekers left out of its notices because they hold no list.</summary>
    public const string NotHoldingName = "jobhome.post_list.seekers_not_holding";

    /// <summary>Counter of list items a partition explained for a stored list's refresh.</summary>
    public const string ItemsExplainedName = "jobhome.post_list.items_explained";

    /// <summary>Counter of list items a partition left unexplained because the seeker holds the same explanation.</summary>
    public const string ItemsReusedName = "jobhome.post_list.items_reused";

    /// <summary>Cause tag: a read of the list (<c>GetPostListAsync</c>).</summary>
    public const string CauseRead = "read";

    /// <summary>Cause tag: the first list of a new or changed seeker (its own queued notice).</summary>
    public const string CauseRegistration = "registration";

    /// <summary>Cause tag: a stale notice from the silo's <see cref="StaleListNotices"/>.</summary>
    public const string CauseNotice = "notice";

    /// <summary>Cause tag: the direct stale mark's timer.</summary>
    public const string CauseTimer = "timer";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> PartitionQueries = Meter.CreateCounter<long>(PartitionQueriesName, "{query}",
        "Partition queries made to refresh stored post lists");

    private static readonly Counter<long> Skipped = Meter.CreateCounter<long>(SkippedName, "{partition}",
        "Partitions a stale notice named that were not asked: the new posts there scored below the part's floor");

    private static readonly Counter<long> Deferred = Meter.CreateCounter<long>(DeferredName, "{partition}",
        "Partitions a background post-list refresh did not ask because all of the partition's refresh permits were taken");

    private static readonly Counter<long> NoticesQueued = Meter.CreateCounter<long>(NoticesQueuedName, "{notice}",
        "Stale notices queued, one per seeker per cause before coalescing");

    private static readonly Counter<long> NoticesSent = Meter.CreateCounter<long>(NoticesSentName, "{notice}",
        "Stale notices sent, one per seeker per window");

    private static readonly Counter<long> SeekerQueries = Meter.CreateCounter<long>(SeekerQueriesName, "{query}",
        "Partition queries for new or changed posts' top seekers (to send them stale notices)");

    private static readonly Counter<long> Released = Meter.CreateCounter<long>(ReleasedName, "{listing}",
        "Listings released by deactivated seeker activations, one per seeker per partition");

    private static readonly Counter<long> NotHolding = Meter.CreateCounter<long>(NotHoldingName, "{seeker}",
        "A new post's top seekers left out of its stale notices because they hold no post list");

    private static readonly Counter<long> ItemsExplained = Meter.CreateCounter<long>(ItemsExplainedName, "{item}",
        "List items explained by a partition for a stored list's refresh");

    private static readonly Counter<long> ItemsReused = Meter.CreateCounter<long>(ItemsReusedName, "{item}",
        "List items a partition left unexplained for a refresh because the seeker holds the same explanation");

    private static readonly DiagnosticListener Diagnostics = new(MeterName);

    private static readonly Histogram<double> RefreshLag = Meter.CreateHistogram<double>(RefreshLagName, "ms",
        "Time from the first change that made a seeker's stored post list stale (or its registration) to its refresh");

    /// <summary>Records one refresh of <paramref name="seekerId"/>'s list, stale since <paramref name="staleSince"/> (a
    /// timestamp).</summary>
    internal static void RecordRefresh(string seekerId, long staleSince, MatchItem[] items, int partitions, int deferred = 0) =>
        RecordRefresh(seekerId, Stopwatch.GetElapsedTime(staleSince).TotalMilliseconds, items, partitions, deferred: deferred);

    /// <summary>Records one refresh of <paramref name="seekerId"/>'s list, <paramref name="lag"/> ms after it went stale.</summary>
    internal static void RecordRefresh(string seekerId, double lag, MatchItem[] items, int partitions, int skipped = 0,
        int deferred = 0)
    {
        RefreshLag.Record(lag);
        if (Diagnostics.IsEnabled(RefreshedEvent))
        {
            var ids = new string[items.Length];
            for (var i = 0; i < ids.Length; i++)
            {
                ids[i] = items[i].Id;
            }
            Diagnostics.Write(RefreshedEvent, new PostListRefreshed(seekerId, lag, ids, partitions, skipped, deferred));
        }
    }

    /// <summary>Counts one refresh's partition queries and left-out partitions.</summary>
    internal static void RecordQueries(string cause, int asked, int skipped)
    {
        if (asked > 0)
        {
            PartitionQueries.Add(asked, new KeyValuePair<string, object?>("cause", cause));
        }
        if (skipped > 0)
        {
            Skipped.Add(skipped);
        }
    }

    /// <summary>Notes that <paramref name="seekerId"/>'s stored list asked <paramref name="partition"/> (only while someone
    /// listens).</summary>
    internal static void RecordAsked(string seekerId, string partition, string cause)
    {
        if (Diagnostics.IsEnabled(AskedEvent))
        {
            Diagnostics.Write(AskedEvent, new PostListPartitionAsked(seekerId, partition, cause));
        }
    }

    /// <summary>Counts one refresh's deferred partitions.</summary>
    internal static void RecordDeferred(int deferred)
    {
        if (deferred > 0)
        {
            Deferred.Add(deferred);
        }
    }

    /// <summary>Counts queued stale notices.</summary>
    internal static void RecordQueued(int count) => NoticesQueued.Add(count);

    /// <summary>Counts sent stale notices.</summary>
    internal static void RecordSent(int count) => NoticesSent.Add(count);

    /// <summary>Counts a new post's partition queries for its top seekers.</summary>
    internal static void RecordSeekerQueries(int count) => SeekerQueries.Add(count);

    /// <summary>Counts <paramref name="seekerId"/>'s released listings.</summary>
    internal static void RecordReleased(string seekerId, int count)
    {
        Released.Add(count);
        if (Diagnostics.IsEnabled(ReleasedEvent))
        {
            Diagnostics.Write(ReleasedEvent, seekerId);
        }
    }

    /// <summary>Notes the listings <paramref name="partition"/> forgot (only while someone listens).</summary>
    internal static void RecordForgotten(string partition, IReadOnlyList<string> seekerIds)
    {
        if (Diagnostics.IsEnabled(ForgottenEvent))
        {
            Diagnostics.Write(ForgottenEvent, new ListingsForgotten(partition, [.. seekerIds]));
        }
    }

    /// <summary>Counts a new post's top seekers left out of its notices.</summary>
    internal static void RecordNotHolding(int count)
    {
        if (count > 0)
        {
            NotHolding.Add(count);
        }
    }

    /// <summary>Counts one refresh answer's explained and reused items.</summary>
    internal static void RecordExplained(int explained, int reused)
    {
        if (explained > 0)
        {
            ItemsExplained.Add(explained);
        }
        if (reused > 0)
        {
            ItemsReused.Add(reused);
        }
    }
}
