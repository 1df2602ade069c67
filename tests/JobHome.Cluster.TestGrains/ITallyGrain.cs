using Orleans.Concurrency;

namespace JobHome.Cluster.TestGrains;

/// <summary>Consumes one tally stream exactly once per event id (at-least-once delivery, deduplicated in state).</summary>
[Alias("jobhome.test.ITallyGrain")]
public interface ITallyGrain : IGrainWithStringKey
{
    /// <summary>
    /// What has been applied so far. Interleaves with a delivery in progress (a batched delivery of 64 rows of 100 events
    /// writes 6,400 times before it returns), so the test's progress reads do not wait behind it.
    /// </summary>
    [AlwaysInterleave]
    Task<TallySnapshot> GetAsync();

    /// <summary>
    /// The slots applied, in ascending order, with the count of distinct events read in the same turn (for exactness
    /// checks: events whose publication was not acknowledged may still be arriving between two separate reads).
    /// Interleaves like <see cref="GetAsync"/>: the failover test polls it while batched deliveries are still being applied.
    /// </summary>
    [AlwaysInterleave]
    Task<TallySlots> GetSlotsAsync();
}
