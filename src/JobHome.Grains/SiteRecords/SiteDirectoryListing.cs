using JobHome.Grains.Indicators;
using JobHome.Grains.Sharding;
using JobHome.Storage;

namespace JobHome.Grains.SiteRecords;

/// <summary>
/// What a match partition's rebuild reads of many sites, straight from their directories' stored rows
/// (<see cref="SiteDirectoryGrain"/>) in batched reads, without activating the directory grains: a restart's rebuilds
/// would otherwise activate all of a province's directories. The seekers' and posts' shards (<c>directory-seekers-N</c>,
/// <c>directory-posts-N</c>) are read for every site; for a site whose cell listings are complete
/// (<see cref="SiteDirectoryState.CellsListed"/>) only the entries listed as active in the partition's cell are kept (the
/// shards' tags), as <see cref="ISiteDirectoryGrain.GetMatchListingAsync"/> answers; for any other site every seeker and
/// post (a directory adds a record's entry, and writes its shard, before the record's own write, so the stored shards list
/// every record stored at the site). A directory whose lists are still in its old single state (written before the
/// shards; moved on its next activation) is not read here: its entry is null and the caller asks the grain.
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
        // The sites read here (not in the old single state), each with its listed-only flag and its ids.
        var read = new List<int>();
        for (var i = 0; i < sites.Count; i++)
        {
            var d = directories[i];
            if (d is null || d.Seekers.Count + d.Households.Count + d.Posts.Count == 0)
            {
                read.Add(i);
            }
        }
        var result = new SiteMatchListing?[sites.Count];
        if (read.Count == 0)
        {
            return result;
        }
        var readIds = read.Select(i => ids[i]).ToArray();
        var cellOnly = read.Select(i => directories[i] is { CellsListed: true }).ToArray();
        var lists = read.Select(_ => new List<string>()).ToArray();
        for (var shard = 0; shard < ShardedMap<string>.ShardCount; shard++)
        {
            var seekers = await storage.ReadStatesAsync<MapShard<string>>(
                ShardedMap<string>.StateName(SiteDirectoryGrain.SeekersMap, shard), readIds, cancellationToken);
            var posts = await storage.ReadStatesAsync<MapShard<bool>>(
                ShardedMap<bool>.StateName(SiteDirectoryGrain.PostsMap, shard), readIds, cancellationToken);
            for (var j = 0; j < lists.Length; j++)
            {
                Add(lists[j], IndicatorSources.Seeker, seekers[j]?.Entries.Keys, seekers[j]?.Tags, cellOnly[j] ? cell : null);
                Add(lists[j], IndicatorSources.Post, posts[j]?.Entries.Keys, posts[j]?.Tags, cellOnly[j] ? cell : null);
            }
        }
        for (var j = 0; j < read.Count; j++)
        {
            result[read[j]] = new SiteMatchListing(cellOnly[j], directories[read[j]]?.BulkEpoch ?? 0,
                [.. lists[j].Order(StringComparer.Ordinal)]);
        }
        return result;
    }

    // A shard's ids as source ids: all of them, or (cell given) those whose entry is listed as active in that cell.
    private static void Add(List<string> list, string kind, IEnumerable<string>? keys, Dictionary<string, string>? tags, string? cell)
    {
        if (cell is null)
        {
            if (keys is not null)
            {
                list.AddRange(keys.Select(id => IndicatorSources.Id(kind, id)));
            }
            return;
        }
        if (tags is null)
        {
            return;
        }
        foreach (var (id, tag) in tags)
        {
            if (string.Equals(tag, cell, StringComparison.Ordinal))
            {
                list.Add(IndicatorSources.Id(kind, id));
            }
        }
    }
}
