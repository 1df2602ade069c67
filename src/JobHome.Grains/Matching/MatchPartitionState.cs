namespace JobHome.Grains.Matching;

/// <summary>
/// Stored state of <see cref="MatchPartitionGrain"/>: not the index (derived, in memory) but the sites whose records have
/// been published into the cell, so a fresh activation (after its silo died) knows whose records to ask to republish.
/// Plain members only (see docs/grains.md on the storage serializer).
/// </summary>
[GenerateSerializer, Alias("jobhome.match-partition-state.v1")]
public sealed class MatchPartitionState
{
    /// <summary>Site codes (value unused).</summary>
    [Id(0)]
    public Dictionary<string, bool> Sites { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// When each site was last noted (server clock, refreshed at most every half <see cref="MatchingOptions.NotedSiteLifetime"/>);
    /// a site missing here (stored before the member existed) counts as noted at the activation that finds it.
    /// </summary>
    [Id(1)]
    public Dictionary<string, DateTimeOffset> Noted { get; set; } = new(StringComparer.Ordinal);
}
