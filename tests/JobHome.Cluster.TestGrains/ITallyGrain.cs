namespace JobHome.Cluster.TestGrains;

/// <summary>Consumes one tally stream exactly once per event id (at-least-once delivery, deduplicated in state).</summary>
[Alias("jobhome.test.ITallyGrain")]
public interface ITallyGrain : IGrainWithStringKey
{
    /// <summary>What has been applied so far.</summary>
    Task<TallySnapshot> GetAsync();

    /// <summary>The slots applied, in ascending order (for exactness checks).</summary>
    Task<long[]> GetSlotsAsync();
}
