namespace JobHome.Grains.Placements;

/// <summary>Stored state of a placement ledger shard (version 1).</summary>
[GenerateSerializer, Alias("jobhome.placement-ledger-state.v1")]
public sealed class PlacementLedgerState
{
    /// <summary>Unfinished entries: <c>p:id</c> for a placing, <c>e:id</c> for an ending.</summary>
    [Id(0)]
    public HashSet<string> Unfinished { get; set; } = new(StringComparer.Ordinal);
}
