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
    /// How long a seeker waits after its stored list went stale before recomputing it, so that every change in the
    /// meantime costs one refresh (reads are always exact: they recompute whatever changed). Zero: the refresh runs in the
    /// seeker's next turn, still as a background refresh (it takes a <see cref="RefreshPermitsPerPartition"/> permit or
    /// defers). Default: 1 s.
    /// </summary>
    public TimeSpan PostListRefreshDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a silo collects stale notices (new posts' top seekers, and seekers that listed a post that changed, filled or
    /// closed) before sending one per distinct seeker (<see cref="StaleListNotices"/>); the seeker refreshes on receipt, so
    /// this window is how long a list made stale waits before its refresh starts (the trail's bound beside the refresh
    /// itself), and every change to the seeker's listed posts within it costs one refresh. Default: 1 s (the seekers' own
    /// refresh delay before notices were coalesced, so a list trails no longer than it did).
    /// </summary>
    public TimeSpan StaleNoticeWindow { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Background refreshes of stored post lists (after a stale notice or a seeker's own timer) each match partition serves
    /// at once on a silo (<see cref="PartitionRefreshPermits"/>): a refresh that finds none of a partition's permits free
    /// leaves that part stale and retries after <see cref="PostListRefreshDelay"/> (at least 100 ms), the delay doubling per
    /// consecutive deferral up to 16 times (a failed refresh retries the same way). Unbounded, a busy partition drained
    /// thousands of queued 1–2 ms refreshes and the change path's calls waited 122–531 ms behind them (docs/benchmarks.md,
    /// "Long match-partition turns"). Reads and a new seeker's first list are never deferred. Default: 4.
    /// </summary>
    public int RefreshPermitsPerPartition { get; init; } = 4;

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

    /// <summary>The engine's per-query settings for reference date <paramref name="asOf"/>.</summary>
    public MatchOptions ToMatchOptions(DateOnly asOf) => new(asOf, MaxKm, UrbanMaxKm, TopFactors);
}
