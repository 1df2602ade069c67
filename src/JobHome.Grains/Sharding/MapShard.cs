namespace JobHome.Grains.Sharding;

/// <summary>One stored shard of a <see cref="ShardedMap{TValue}"/>: the entries whose keys hash to it.</summary>
/// <typeparam name="TValue">The entry type.</typeparam>
[GenerateSerializer, Alias("jobhome.map-shard`1")]
public sealed class MapShard<TValue>
{
    /// <summary>Entries by key (ordinal).</summary>
    [Id(0)]
    public Dictionary<string, TValue> Entries { get; set; } = new(StringComparer.Ordinal);
}
