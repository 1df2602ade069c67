using JobHome.Grains.Sharding;

namespace JobHome.Grains.Placements;

/// <summary>Which ledger shard lists a placement, and the shard's entry names.</summary>
public static class PlacementLedger
{
    /// <summary>How many ledger shards there are (the grain keys 0 … ShardCount − 1).</summary>
    public const int ShardCount = ShardedMap<bool>.ShardCount;

    /// <summary>The shard of <paramref name="placementId"/> (stable across processes).</summary>
    public static int ShardOf(string placementId) => ShardedMap<bool>.ShardOf(placementId);

    /// <summary>The ledger grain that lists <paramref name="placementId"/>.</summary>
    public static IPlacementLedgerGrain For(IGrainFactory grains, string placementId)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains.Reference<IPlacementLedgerGrain>(ShardOf(placementId));
    }

    /// <summary>The entry name: <c>p:id</c> for a placing, <c>e:id</c> for an ending.</summary>
    public static string Entry(string placementId, bool end) => (end ? "e:" : "p:") + placementId;
}
