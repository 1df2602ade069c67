using System.Diagnostics;
using System.Diagnostics.Metrics;
using JobHome.Matching.Index;

namespace JobHome.Grains.Matching;

/// <summary>
/// Diagnostics of the stored post lists: the histogram <see cref="RefreshLagName"/> on meter <see cref="MeterName"/> (how
/// far a refresh trails the first change that made the list stale, in milliseconds), and the in-process diagnostic event
/// <see cref="RefreshedEvent"/> on listener <see cref="MeterName"/> naming the seeker (written only while someone listens);
/// and the counters of what the lists cost in grain calls: partition queries of stored lists by cause
/// (<see cref="PartitionQueriesName"/>, cause <see cref="CausePush"/> for a partition's own recomputes), partitions a notice
/// named or new posts' scores that the floor left out (<see cref="SkippedName"/>), the partitions' pushes
/// (<see cref="MarkedName"/>, <see cref="MarkedAgainName"/>, <see cref="ListersToldName"/>, <see cref="PushesName"/>,
/// <see cref="PushesSameIdsName"/>, <see cref="PushesUnchangedName"/>, <see cref="PushesIgnoredName"/>), stale
/// notices queued, sent and reaching a seeker without a list (<see cref="NoticesQueuedName"/>, <see cref="NoticesSentName"/>,
/// <see cref="NoticesWithoutListName"/>) and the partitions a new post
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

    /// <summary>Counter of holders a partition marked dirty (once per holder while it waits for the window's recompute).</summary>
    public const string MarkedName = "jobhome.post_list.holders_marked";

    /// <summary>
    /// Counter of marks of a holder that was already dirty (tagged <c>cause</c>): the change joins the recompute the holder
    /// waits for and costs nothing more.
    /// </summary>
    public const string MarkedAgainName = "jobhome.post_list.holders_marked_again";

    /// <summary>
    /// Counter of listed post changes that reached a holder (tagged <c>kind</c>: <see cref="ListedRemoved"/>, a close or
    /// removal; <see cref="ListedChanged"/>, an upsert that changed more than the free openings, a fill among them), one per
    /// holder told, dirty or not.
    /// </summary>
    public const string ListersToldName = "jobhome.post_list.listers_told";

    /// <summary>Counter of recomputed parts sent that hold the same ids in the same order as the held part (scores, keys or
    /// words changed).</summary>
    public const string PushesSameIdsName = "jobhome.post_list.pushes_same_ids";

    /// <summary>Counter of recomputed parts a partition pushed to their seekers (<see cref="PostListPush"/>).</summary>
    public const string PushesName = "jobhome.post_list.pushes";

    /// <summary>Counter of recomputed parts that came out equal to the held part (nothing sent).</summary>
    public const string PushesUnchangedName = "jobhome.post_list.pushes_unchanged";

    /// <summary>Counter of pushes a seeker did not take (another activation's, an older version, a day or a partition it no
    /// longer lists).</summary>
    public const string PushesIgnoredName = "jobhome.post_list.pushes_ignored";

    /// <summary>Counter of stale notices queued (one per seeker per cause, before coalescing).</summary>
    public const string NoticesQueuedName = "jobhome.post_list.notices_queued";

    /// <summary>Counter of stale notices sent (one per seeker per window).</summary>
    public const string NoticesSentName = "jobhome.post_list.notices_sent";

    /// <summary>
    /// Counter of stale notices that reached a seeker activation holding no list (nothing to refresh: it was never read, or
    /// was read by an earlier activation).
    /// </summary>
    public const string NoticesWithoutListName = "jobhome.post_list.notices_without_list";

    /// <summary>
    /// The diagnostic event written when a stale notice reaches a seeker activation holding no list; payload: the seeker's id.
    /// </summary>
    public const string NoticeWithoutListEvent = "NoticeWithoutList";

    /// <summary>Counter of partition queries (<c>TopSeekersUnexplainedAsync</c>) for new or changed posts' top seekers.</summary>
    public const string SeekerQueriesName = "jobhome.post_list.seeker_queries";

    /// <summary>
    /// The diagnostic event written when a partition handled a change that touches stored lists, with a
    /// <see cref="PostListMarked"/> payload (written only while someone listens).
    /// </summary>
    public const string MarkedEvent = "HoldersMarked";

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

    /// <summary>Cause tag: a stale notice from the silo's <see cref="StaleListNotices"/>.</summary>
    public const string CauseNotice = "notice";

    /// <summary>Cause tag: the direct stale mark (<c>PostListStaleAsync</c>), refreshed in the seeker's next turn.</summary>
    public const string CauseTimer = "timer";

    /// <summary>Cause tag: a partition's recompute of a dirty holder's part (counted by the partition).</summary>
    public const string CausePush = "push";

    /// <summary>Cause tag of a mark: a listed post changed (other than its free openings), filled or closed.</summary>
    public const string MarkListed = "listed";

    /// <summary>Cause tag of a mark: a new or changed post's score reached the part's floor.</summary>
    public const string MarkNewPost = "new_post";

    /// <summary>Kind tag of <see cref="ListersToldName"/>: a listed post was closed or removed.</summary>
    public const string ListedRemoved = "removed";

    /// <summary>Kind tag of <see cref="ListersToldName"/>: a listed post changed (an upsert other than of its free openings).</summary>
    public const string ListedChanged = "changed";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> PartitionQueries = Meter.CreateCounter<long>(PartitionQueriesName, "{query}",
        "Partition queries made to refresh stored post lists");

    private static readonly Counter<long> Skipped = Meter.CreateCounter<long>(SkippedName, "{partition}",
        "Partitions a stale notice named that were not asked: the new posts there scored below the part's floor");

    private static readonly Counter<long> Marked = Meter.CreateCounter<long>(MarkedName, "{holder}",
        "Holders of stored post-list parts a match partition marked dirty");

    private static readonly Counter<long> MarkedAgain = Meter.CreateCounter<long>(MarkedAgainName, "{holder}",
        "Marks of holders already dirty (joined the recompute they wait for)");

    private static readonly Counter<long> ListersTold = Meter.CreateCounter<long>(ListersToldName, "{holder}",
        "Holders a listed post's change reached, by kind of change");

    private static readonly Counter<long> PushesSameIds = Meter.CreateCounter<long>(PushesSameIdsName, "{part}",
        "Pushed post-list parts with the held part's ids in the same order");

    private static readonly Counter<long> Pushes = Meter.CreateCounter<long>(PushesName, "{part}",
        "Recomputed post-list parts a match partition pushed to their seekers");

    private static readonly Counter<long> PushesUnchanged = Meter.CreateCounter<long>(PushesUnchangedName, "{part}",
        "Recomputed post-list parts equal to the held part (not pushed)");

    private static readonly Counter<long> PushesIgnored = Meter.CreateCounter<long>(PushesIgnoredName, "{part}",
        "Pushed post-list parts a seeker did not take");

    private static readonly Counter<long> NoticesQueued = Meter.CreateCounter<long>(NoticesQueuedName, "{notice}",
        "Stale notices queued, one per seeker per cause before coalescing");

    private static readonly Counter<long> NoticesSent = Meter.CreateCounter<long>(NoticesSentName, "{notice}",
        "Stale notices sent, one per seeker per window");

    private static readonly Counter<long> NoticesWithoutList = Meter.CreateCounter<long>(NoticesWithoutListName, "{notice}",
        "Stale notices that reached a seeker activation holding no list");

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

    /// <summary>Observable counter of the seekers' post queries answered by a scan (process-wide, <see cref="IndexCounters"/>).</summary>
    public const string PostScansName = "jobhome.match_index.post_scans";

    /// <summary>Observable counter of the posts those scans scored in full (a haversine and a score each).</summary>
    public const string PostsScoredName = "jobhome.match_index.posts_scored";

    /// <summary>Observable counter of kept post queries (a holder's recomputes) answered from their memo, without a scan.</summary>
    public const string MemoAnswersName = "jobhome.match_index.memo_answers";

    /// <summary>Observable counter of kept post queries whose memo was filled by a scan.</summary>
    public const string MemoRefillsName = "jobhome.match_index.memo_refills";

    /// <summary>Observable counter of the post changes the memo answers walked.</summary>
    public const string MemoChangesWalkedName = "jobhome.match_index.memo_changes_walked";

    /// <summary>Observable counter of the changed posts the memo answers scored again.</summary>
    public const string MemoPostsScoredName = "jobhome.match_index.memo_posts_scored";

    /// <summary>Observable counter of walked post changes passed over because the same post was logged again later.</summary>
    public const string MemoChangesSupersededName = "jobhome.match_index.memo_changes_superseded";

    /// <summary>Observable counter of walked post changes the prefilter passed over from the log entry alone (out of range, a
    /// hard filter, a bound below the memo's bottom, removals).</summary>
    public const string MemoChangesPrefilteredName = "jobhome.match_index.memo_changes_prefiltered";

    /// <summary>Observable counter of memo searches for a walked post (only where the memo's mark may hold it).</summary>
    public const string MemoSearchesName = "jobhome.match_index.memo_searches";

    private static readonly ObservableCounter<long> PostScans = Meter.CreateObservableCounter(PostScansName,
        static () => IndexCounters.PostScans, "{query}", "Seekers' post queries answered by a scan of the index's buckets");

    private static readonly ObservableCounter<long> PostsScored = Meter.CreateObservableCounter(PostsScoredName,
        static () => IndexCounters.PostsScored, "{post}", "Posts the scans scored in full (a haversine and a score each)");

    private static readonly ObservableCounter<long> MemoAnswers = Meter.CreateObservableCounter(MemoAnswersName,
        static () => IndexCounters.MemoAnswers, "{query}", "Kept post queries answered from their memo without a scan");

    private static readonly ObservableCounter<long> MemoRefills = Meter.CreateObservableCounter(MemoRefillsName,
        static () => IndexCounters.MemoRefills, "{query}", "Kept post queries whose memo was filled by a scan");

    private static readonly ObservableCounter<long> MemoChangesWalked = Meter.CreateObservableCounter(MemoChangesWalkedName,
        static () => IndexCounters.MemoChangesWalked, "{change}", "Post changes the kept queries' memo answers walked");

    private static readonly ObservableCounter<long> MemoPostsScored = Meter.CreateObservableCounter(MemoPostsScoredName,
        static () => IndexCounters.MemoPostsScored, "{post}", "Changed posts the memo answers scored again");

    private static readonly ObservableCounter<long> MemoChangesSuperseded = Meter.CreateObservableCounter(
        MemoChangesSupersededName, static () => IndexCounters.MemoChangesSuperseded, "{change}",
        "Walked post changes passed over because the same post was logged again later");

    private static readonly ObservableCounter<long> MemoChangesPrefiltered = Meter.CreateObservableCounter(
        MemoChangesPrefilteredName, static () => IndexCounters.MemoChangesPrefiltered, "{change}",
        "Walked post changes the prefilter passed over from the log entry alone");

    private static readonly ObservableCounter<long> MemoSearches = Meter.CreateObservableCounter(MemoSearchesName,
        static () => IndexCounters.MemoSearches, "{search}", "Memo searches for a walked post");

    private static readonly DiagnosticListener Diagnostics = new(MeterName);

    private static readonly Histogram<double> RefreshLag = Meter.CreateHistogram<double>(RefreshLagName, "ms",
        "Time from the first change that made a seeker's stored post list stale to its refresh");

    /// <summary>Records one refresh of <paramref name="seekerId"/>'s list, <paramref name="lag"/> ms after it went stale.</summary>
    internal static void RecordRefresh(string seekerId, double lag, MatchItem[] items, int partitions, int skipped = 0,
        int pushed = 0)
    {
        RefreshLag.Record(lag);
        if (Diagnostics.IsEnabled(RefreshedEvent))
        {
            var ids = new string[items.Length];
            for (var i = 0; i < ids.Length; i++)
            {
                ids[i] = items[i].Id;
            }
            Diagnostics.Write(RefreshedEvent, new PostListRefreshed(seekerId, lag, ids, partitions, skipped, pushed, items));
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

    /// <summary>Counts holders marked dirty.</summary>
    internal static void RecordMarked(int count, string cause) => Marked.Add(count, new KeyValuePair<string, object?>("cause", cause));

    /// <summary>Counts a mark of a holder that was already dirty.</summary>
    internal static void RecordMarkedAgain(string cause) => MarkedAgain.Add(1, new KeyValuePair<string, object?>("cause", cause));

    /// <summary>Counts the holders one listed post's change reached.</summary>
    internal static void RecordListersTold(int count, string kind)
    {
        if (count > 0)
        {
            ListersTold.Add(count, new KeyValuePair<string, object?>("kind", kind));
        }
    }

    /// <summary>True while someone listens to <see cref="MarkedEvent"/> (the partition builds the payload only then).</summary>
    internal static bool ListensToMarks => Diagnostics.IsEnabled(MarkedEvent);

    /// <summary>Notes one change's marks in <paramref name="partition"/> (only while someone listens).</summary>
    internal static void RecordMarks(string partition, IReadOnlyList<string> seekerIds, int skipped, int told)
    {
        if (Diagnostics.IsEnabled(MarkedEvent))
        {
            Diagnostics.Write(MarkedEvent, new PostListMarked(partition, [.. seekerIds], skipped, told));
        }
    }

    /// <summary>Counts one pushed part (<paramref name="sameIds"/>: the held part's ids in the same order).</summary>
    internal static void RecordPushSent(bool sameIds = false)
    {
        Pushes.Add(1);
        if (sameIds)
        {
            PushesSameIds.Add(1);
        }
    }

    /// <summary>Counts one recomputed part that was not pushed (equal to the held one).</summary>
    internal static void RecordPushUnchanged() => PushesUnchanged.Add(1);

    /// <summary>Counts one push a seeker did not take.</summary>
    internal static void RecordPushIgnored() => PushesIgnored.Add(1);

    /// <summary>Counts queued stale notices.</summary>
    internal static void RecordQueued(int count) => NoticesQueued.Add(count);

    /// <summary>Counts sent stale notices.</summary>
    internal static void RecordSent(int count) => NoticesSent.Add(count);

    /// <summary>Counts a stale notice that found no list at <paramref name="seekerId"/> (and notes it while someone listens).</summary>
    internal static void RecordNoticeWithoutList(string seekerId)
    {
        NoticesWithoutList.Add(1);
        if (Diagnostics.IsEnabled(NoticeWithoutListEvent))
        {
            Diagnostics.Write(NoticeWithoutListEvent, seekerId);
        }
    }

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
