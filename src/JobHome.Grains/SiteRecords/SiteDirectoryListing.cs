using JobHome.Grains.Indicators;
using JobHome.Grains.Sharding;
using JobHome.Storage;

namespace JobHome.Grains.SiteRecords;

/// <summary>
/// Sites' seekers and posts read straight from their directories' stored shards (<see cref="SiteDirectoryGrain"/>'s
/// <c>directory-seekers-N</c> and <c>directory-posts-N</c> rows), many sites in one batched read per shard, without
/// activating the directory grains: the partition rebuild lists every site it noted, and a restart's rebuilds would
/// otherwise activate all of a province's directories, each reading its 49 rows one by one. A directory adds a record's
/// entry (and writes its shard) before the record's own write, so the stored shards list every record stored at the site,
/// as <see cref="ISiteDirectoryGrain.GetSourceIdsAsync"/> would. A directory whose lists are still in its old single
/// state (written before the shards; moved on its next activation) is not read here: its entry is null and the caller
/// asks the grain.
/// </summary>
internal static class SiteDirectoryListing
{
    /// <summary>
    /// For each of <paramref name="sites"/> (in order) its seekers' and posts' source ids (<c>seeker/…</c>, <c>post/…</c>)
    /// in ordinal order, or null where the directory still holds its lists in the old state. Runs on the thread pool.
    /// </summary>
    public static async Task<string[]?[]> ReadMatchSourcesAsync(IGrainStateBatchReader storage, IGrainFactory grains,
        IReadOnlyList<string> sites, CancellationToken cancellationToken)
    {
        var ids = new GrainId[sites.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = grains.GetGrain<ISiteDirectoryGrain>(sites[i]).GetGrainId();
        }
        var old = await storage.ReadStatesAsync<SiteDirectoryState>(SiteDirectoryGrain.StateName, ids, cancellationToken);
        var lists = new List<string>?[sites.Count];
        for (var i = 0; i < lists.Length; i++)
        {
            lists[i] = old[i] is { } o && o.Seekers.Count + o.Households.Count + o.Posts.Count > 0 ? null : [];
        }
        for (var shard = 0; shard < ShardedMap<string>.ShardCount; shard++)
        {
            var seekers = await storage.ReadStatesAsync<MapShard<string>>(
                SiteDirectoryGrain.ShardStateName(SiteDirectoryGrain.SeekersMap, shard), ids, cancellationToken);
            var posts = await storage.ReadStatesAsync<MapShard<bool>>(
                SiteDirectoryGrain.ShardStateName(SiteDirectoryGrain.PostsMap, shard), ids, cancellationToken);
            for (var i = 0; i < lists.Length; i++)
            {
                if (lists[i] is not { } list)
                {
                    continue;
                }
                if (seekers[i] is { } s)
                {
                    list.AddRange(s.Entries.Keys.Select(static id => IndicatorSources.Id(IndicatorSources.Seeker, id)));
                }
                if (posts[i] is { } p)
                {
                    list.AddRange(p.Entries.Keys.Select(static id => IndicatorSources.Id(IndicatorSources.Post, id)));
                }
            }
        }
        var result = new string[]?[sites.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = lists[i] is { } list ? [.. list.Order(StringComparer.Ordinal)] : null;
        }
        return result;
    }
}
