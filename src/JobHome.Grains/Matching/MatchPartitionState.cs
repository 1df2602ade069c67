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
}
