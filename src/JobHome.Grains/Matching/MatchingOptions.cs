using JobHome.Matching.Scoring;

namespace JobHome.Grains.Matching;

/// <summary>Settings of real-time matching in the cluster: partition grid, commute limits, post-list length.</summary>
public sealed class MatchingOptions
{
    /// <summary>Side of a partition cell in degrees of latitude and longitude. Default: 0.5 (about 55 km × 50 km, a county).</summary>
    public double CellDegrees { get; init; } = 0.5;

    /// <summary>Commute limit in km for rural seekers (and urban ones unless <see cref="UrbanMaxKm"/> is set). Default: 15.</summary>
    public double MaxKm { get; init; } = 15;

    /// <summary>Commute limit in km for urban seekers; null = <see cref="MaxKm"/>. Default: null.</summary>
    public double? UrbanMaxKm { get; init; }

    /// <summary>How many posts a seeker's stored post list holds (larger requests are computed live). Default: 20.</summary>
    public int PostListSize { get; init; } = 20;

    /// <summary>
    /// How long a seeker waits after a direct stale mark (<c>ISeekerMatchingGrain.PostListStaleAsync</c>, which no silo sends
    /// since the partitions push: kept for callers of it) before recomputing its list, so that every mark in the meantime
    /// costs one refresh. Zero: the refresh runs in the seeker's next turn. Default: 1 s.
    /// </summary>
    public TimeSpan PostListRefreshDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The window a match partition collects changes that touch stored post lists (a listed post's change, fill or close; a
    /// new post that can enter a holder's part) before recomputing the touched parts and pushing those that changed
    /// (MatchPartitionGrain.Push.cs): from the first change, never extended, on the server clock. So a stored list trails a
    /// change by at most this window plus the partition's tick spacing (250 ms), the batch drain and one one-way call, and
    /// every change of a seeker's part within it costs one recompute. The silo's <see cref="StaleListNotices"/> collects
    /// listing releases (and the notices of a young partition) over the same window. Default: 3 s (30 Nov, Xinfeng demo under a saturated load on a quiet machine: 1 s cost
    /// 10–25 % more silo CPU per change than 3 s, recomputing a part once a second instead of once per three; the issue's
    /// bound on the trail is 5 s; docs/benchmarks.md, "The session's merge on a quiet machine").
    /// </summary>
    public TimeSpan StaleNoticeWindow { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// How long after a seeker's last listing query of a match partition (a read of its list: a registration computes no list,
    /// since nobody is known to look at it) the partition keeps that seeker's part fresh by
    /// recomputing and pushing it (MatchPartitionGrain.Push.cs). A change that
    /// touches an older part drops the seeker's listing there instead of recomputing it: a read always asks the partitions
    /// (which answer "unchanged" only when nothing changed there), so it is exact either way, and the next read lists the
    /// seeker again. Without it the partitions kept every live seeker activation's list fresh, about as many as registrations
    /// in the record grains' idle age, which nobody reads, and the upkeep per change grew with the rate of changes
    /// (docs/benchmarks.md, "One silo alone"). <see cref="Timeout.InfiniteTimeSpan"/> keeps every listing for as long as its
    /// activation lives. Default: 30 s.
    /// </summary>
    public TimeSpan ListenFor { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How many dirty holders' parts a match partition recomputes per turn when it keeps its listers' stored lists fresh
    /// (MatchPartitionGrain.Push.cs); the rest follow in the next turn, behind the calls that arrived meanwhile, so an upsert
    /// waits at most one batch (configuration <c>JobHome:Matching:PushBatch</c>, 1 – 4,096). Default: 16.
    /// </summary>
    public int PushBatch { get; init; } = 16;

    /// <summary>How many factors explain each recommendation. Default: 3.</summary>
    public int TopFactors { get; init; } = 3;

    /// <summary>
    /// Records a rebuilding partition reads from storage per step (see docs/grains.md, Rebuild and limits); between steps it
    /// answers queries and live changes; a step's apply is one turn, so smaller steps keep queries waiting less. Default: 500.
    /// </summary>
    public int RebuildBatchSize { get; init; } = 500;

    /// <summary>Pause between two rebuild steps of a partition, so a rebuild never hogs the silo. Default: 10 ms.</summary>
    public TimeSpan RebuildPause { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// How long a seeker's post query waits, on the server clock, for a rebuilding partition's posts to be in (the rebuild
    /// reads them first; see docs/grains.md, Rebuild and limits) before it is answered over the posts loaded so far, as
    /// a post's candidates are: far below the 30-s response timeout, since a seeker waits for all its partitions at once,
    /// and the first restart of a bulk-loaded folder (every site read in full) takes minutes to list them. A list answered
    /// early is recomputed on its next read (the posts' end bumps the version). Default: 5 s.
    /// </summary>
    public TimeSpan RebuildPostsWait { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Storage reads the rebuilding partitions of one silo keep in flight together (<see cref="RebuildReadLimiter"/>); each
    /// partition still reads up to 16 at a time, so with many rebuilding they take turns. After a restart every partition
    /// in reach of the load rebuilds at once: unbounded, 103 partitions put ~1,600 reads on one SQLite file and grain calls
    /// passed the 30-s timeout. Default: 16 (one partition's batch; the store's reads, not the silo's cores, are the limit).
    /// On a storage with batched reads (the embedded SQLite store) each kind a step reads (seekers, posts, households) is one
    /// batched read standing for 16 single reads: the silo runs this / 16 of them at once (<see cref="RebuildReadLimiter.BatchLimit"/>, one by default).
    /// </summary>
    public int RebuildReadsInFlight { get; init; } = 16;

    /// <summary>
    /// How long a silo trusts that a partition stores a site (<see cref="NotedMatchSites"/>) before asking again on the next
    /// change of a record of that site. A partition's rebuild forgets a site that holds no record in its cell and was not
    /// noted for twice this long (see docs/grains.md, Rebuild and limits). Default: 1 hour.
    /// </summary>
    public TimeSpan NotedSiteLifetime { get; init; } = TimeSpan.FromHours(1);

    // The last day's settings (immutable, so shared by every query of that day: a recompute made one per holder).
    private MatchOptions? _lastDay;

    /// <summary>The engine's per-query settings for reference date <paramref name="asOf"/>.</summary>
    public MatchOptions ToMatchOptions(DateOnly asOf)
    {
        if (Volatile.Read(ref _lastDay) is { } last && last.AsOf == asOf)
        {
            return last;
        }
        var options = new MatchOptions(asOf, MaxKm, UrbanMaxKm, TopFactors);
        Volatile.Write(ref _lastDay, options);
        return options;
    }
}
