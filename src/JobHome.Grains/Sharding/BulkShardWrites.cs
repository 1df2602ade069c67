namespace JobHome.Grains.Sharding;

/// <summary>Writes of a <see cref="ShardedMap{TValue}"/> after changes to many keys: each shard holding one of them, once.</summary>
public static class BulkShardWrites
{
    /// <summary>Stores every shard that holds one of <paramref name="keys"/>; the writes go out together.</summary>
    public static Task WriteShardsOfAsync<TValue>(this ShardedMap<TValue> map, IEnumerable<string> keys)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(keys);
        var firstKeyPerShard = keys.GroupBy(ShardedMap<TValue>.ShardOf).Select(g => g.First());
        return Task.WhenAll(firstKeyPerShard.Select(map.WriteAsync));
    }
}
