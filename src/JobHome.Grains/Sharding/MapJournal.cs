namespace JobHome.Grains.Sharding;

/// <summary>
/// The stored journal of a <see cref="JournaledShardedMap{TValue}"/>: the entries changed since each shard's base row was
/// last written, for all shards in one row. An entry of shard <c>s</c> counts only while <see cref="BaseETags"/>[s] is the
/// ETag of shard <c>s</c>'s stored base row: once that base is written again (a fold), it holds the entry, and the stale
/// copy here is ignored on load until the next journal write replaces the row.
/// </summary>
/// <typeparam name="TValue">The entry type.</typeparam>
[GenerateSerializer, Alias("jobhome.map-journal`1")]
public sealed class MapJournal<TValue>
{
    /// <summary>Changed entries by key (ordinal), newest value; each one replaces its shard's base entry on load.</summary>
    [Id(0)]
    public Dictionary<string, TValue> Entries { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Per shard, the ETag of the base row the journal's entries of that shard apply to (null: no base row yet).</summary>
    [Id(1)]
    public string?[]? BaseETags { get; set; }

    /// <summary>
    /// For the recent journal (<c>{name}-journal</c>) of a <see cref="JournaledShardedMap{TValue}"/>: the ETag of the older
    /// journal row (<c>{name}-older</c>) its entries sit on top of (null: no older row yet, as in rows written before it
    /// existed). Once the older row is written again it holds these entries, and the stale copies here are ignored on load.
    /// </summary>
    [Id(2)]
    public string? OlderETag { get; set; }
}
