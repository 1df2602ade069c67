using JobHome.Grains.Indicators;
using JobHome.Grains.Sharding;
using JobHome.Storage;

namespace JobHome.Grains.SiteRecords;

/// <summary>
/// What a match partition's rebuild reads of many sites, straight from their directories' stored rows
/// (<see cref="SiteDirectoryGrain"/>) in batched reads, without activating the directory grains: a restart's rebuilds
/// would otherwise activate all of a province's directories. For a site whose per-cell listings are complete
/// (<see cref="SiteDirectoryState.CellsListed"/>) it is the one row of the partition's cell (<c>directory-cell-{cell}</c>):
/// the records stored in that cell, as <see cref="ISiteDirectoryGrain.GetMatchListingAsync"/> answers. For any other site
/// it is every seeker and post in the directory's shards (<c>directory-seekers-N</c>, <c>directory-posts-N</c>): a
/// directory adds a record's entry (and writes its shard) before the record's own write, so the stored shards list every
/// record stored at the site. A directory whose lists are still in its old single state (written before the shards;
/// moved on its next activation) is not read here: its entry is null and the caller asks the grain.
/// </summary>
internal static class SiteDirectoryListing
{
    /// <summary>
    /// For each of <paramref name="sites"/> (in order) what a rebuild of <paramref name="cell"/> reads there (source ids
    /// in ordinal order), or null where the directory still holds its lists in the old state. Runs on the thread pool.
    /// </summary>
    public static async Task<SiteMatchListing?[]> ReadMatchSourcesAsync(IGrainStateBatchReader storage, IGrainFactory grains,
        IReadOnlyList<string> sites, string cell, CancellationToken cancellationToken)
    {
        var ids = new GrainId[sites.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = grains.GetGrain<ISiteDirectoryGrain>(sites[i]).GetGrainId();
        }
        var directories = await storage.ReadStatesAsync<SiteDirectoryState>(SiteDirectoryGrain.StateName, ids, cancellationToken);
        var result = new SiteMatchListing?[sites.Count];
        var listed = new List<int>();
        var full = new List<int>();
        for (var i = 0; i < result.Length; i++)
        {
            var d = directories[i];
            if (d is { CellsListed: true })
            {
                listed.Add(i);
            }
            else if (d is null || d.Seekers.Count + d.Households.Count + d.Posts.Count == 0)
            {
                full.Add(i);
            }
        }
        if (listed.Count > 0)
        {
            var rows = await storage.ReadStatesAsync<MapShard<bool>>(SiteDirectoryGrain.CellStateName(cell),
                [.. listed.Select(i => ids[i])], cancellationToken);
            for (var j = 0; j < listed.Count; j++)
            {
                result[listed[j]] = new SiteMatchListing(true, directories[listed[j]]!.BulkEpoch,
                    rows[j] is { } row ? [.. row.Entries.Keys.Order(StringComparer.Ordinal)] : []);
            }
        }
        if (full.Count > 0)
        {
            var fullIds = full.Select(i => ids[i]).ToArray();
            var lists = full.Select(_ => new List<string>()).ToArray();
            for (var shard = 0; shard < ShardedMap<string>.ShardCount; shard++)
            {
                var seekers = await storage.ReadStatesAsync<MapShard<string>>(
                    ShardedMap<string>.StateName(SiteDirectoryGrain.SeekersMap, shard), fullIds, cancellationToken);
                var posts = await storage.ReadStatesAsync<MapShard<bool>>(
                    ShardedMap<bool>.StateName(SiteDirectoryGrain.PostsMap, shard), fullIds, cancellationToken);
                for (var j = 0; j < lists.Length; j++)
                {
                    if (seekers[j] is { } s)
                    {
                        lists[j].AddRange(s.Entries.Keys.Select(static id => IndicatorSources.Id(IndicatorSources.Seeker, id)));
                    }
                    if (posts[j] is { } p)
                    {
                        lists[j].AddRange(p.Entries.Keys.Select(static id => IndicatorSources.Id(IndicatorSources.Post, id)));
                    }
                }
            }
            for (var j = 0; j < full.Count; j++)
            {
                result[full[j]] = new SiteMatchListing(false, directories[full[j]]?.BulkEpoch ?? 0,
                    [.. lists[j].Order(StringComparer.Ordinal)]);
            }
        }
        return result;
    }
}
