namespace JobHome.Grains.Sharding;

/// <summary>One stored shard of a <see cref="ShardedMap{TValue}"/>: the entries whose keys hash to it.</summary>
/// <typeparam name="TValue">The entry type.</typeparam>
[GenerateSerializer, Alias("jobhome.map-shard`1")]
public sealed class MapShard<TValue>
{
    /// <summary>Entries by key (ordinal).</summary>
    [Id(0)]
    public Dictionary<string, TValue> Entries { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// A short tag per entry, written in the same row as the entry (null until a key is tagged; a map whose callers never
    /// tag stores nothing more): a site directory's match cell of a seeker or post listed as active there
    /// (<see cref="SiteRecords.SiteDirectoryGrain"/>). A key without an entry has no tag.
    /// </summary>
    [Id(1)]
    public Dictionary<string, string>? Tags { get; set; }
}
