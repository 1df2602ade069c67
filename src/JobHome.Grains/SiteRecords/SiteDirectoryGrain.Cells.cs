using JobHome.Grains.Indicators;
using JobHome.Grains.Sharding;

namespace JobHome.Grains.SiteRecords;

/// <summary>
/// The cell listings: each seeker and post entry may carry the match cell the record is listed as active in (a tag in the
/// entry's own shard row, <see cref="MapShard{TValue}.Tags"/>), so a match partition's rebuild reads only the records it
/// will index. The record sets it in the directory call its registration, move or new post makes anyway
/// (<see cref="ISiteDirectoryGrain.ListSeekerAsync"/>, <see cref="ISiteDirectoryGrain.ListPostAsync"/>: the same row write,
/// no call and no write more), and remembers in its own state the cell it is listed in; it calls again only before a write
/// that stores it active in a cell it does not know it is listed in (a moved location, a record stored before the
/// listings). A placement or a filled post leaves the cell as it is (listed, not active: the rebuild reads it and skips
/// it), so the end that makes it active again needs no call either; the cell is corrected on the record's next directory
/// call. So every record stored active in a cell at this site is listed in that cell; more may be. The listings are
/// complete only once a rebuild that read the whole site adopted what it found (<see cref="SiteDirectoryState.CellsListed"/>);
/// a bulk import, or an entry added without a cell, clears that.
/// </summary>
public sealed partial class SiteDirectoryGrain
{
    /// <inheritdoc />
    public async Task ListSeekerAsync(string seekerId, string name, string? activeCell)
    {
        ArgumentException.ThrowIfNullOrEmpty(seekerId);
        ArgumentNullException.ThrowIfNull(name);
        CheckCell(activeCell);
        await _seekers.LoadAsync(seekerId);
        var changed = false;
        if (!_seekers.TryGetValue(seekerId, out var held) || !string.Equals(held, name, StringComparison.Ordinal))
        {
            _seekers.Set(seekerId, name);
            changed = true;
        }
        changed |= _seekers.SetTag(seekerId, activeCell);
        if (changed)
        {
            await _seekers.WriteAsync(seekerId);
        }
    }

    /// <inheritdoc />
    public async Task ListPostAsync(string postId, string? activeCell)
    {
        ArgumentException.ThrowIfNullOrEmpty(postId);
        CheckCell(activeCell);
        await _posts.LoadAsync(postId);
        var changed = _posts.TryAdd(postId, true);
        changed |= _posts.SetTag(postId, activeCell);
        if (changed)
        {
            await _posts.WriteAsync(postId);
        }
    }

    /// <inheritdoc />
    public async Task<SiteMatchListing> GetMatchListingAsync(string cell)
    {
        ArgumentException.ThrowIfNullOrEmpty(cell);
        var epoch = state.State.BulkEpoch;
        var listed = state.State.CellsListed;
        await Task.WhenAll(_seekers.LoadAllAsync(), _posts.LoadAllAsync());
        var seekers = listed ? _seekers.Keys.Where(id => string.Equals(_seekers.TagOf(id), cell, StringComparison.Ordinal)) : _seekers.Keys;
        var posts = listed ? _posts.Keys.Where(id => string.Equals(_posts.TagOf(id), cell, StringComparison.Ordinal)) : _posts.Keys;
        return new SiteMatchListing(listed, epoch, [.. seekers.Select(id => IndicatorSources.Id(IndicatorSources.Seeker, id))
            .Concat(posts.Select(id => IndicatorSources.Id(IndicatorSources.Post, id)))
            .Order(StringComparer.Ordinal)]);
    }

    /// <inheritdoc />
    public async Task<bool> AdoptCellsAsync(int epoch, string[] sourceIds, string[] cells)
    {
        ArgumentNullException.ThrowIfNull(sourceIds);
        ArgumentNullException.ThrowIfNull(cells);
        if (sourceIds.Length != cells.Length)
        {
            throw new ArgumentException("Every source id needs its cell.", nameof(cells));
        }
        if (epoch != state.State.BulkEpoch)
        {
            return false;
        }
        var seekers = new List<(string Id, string Cell)>();
        var posts = new List<(string Id, string Cell)>();
        for (var i = 0; i < sourceIds.Length; i++)
        {
            CheckCell(cells[i]);
            var slash = sourceIds[i].IndexOf('/', StringComparison.Ordinal);
            var kind = slash < 0 ? string.Empty : sourceIds[i][..slash];
            var list = kind == IndicatorSources.Seeker ? seekers : kind == IndicatorSources.Post ? posts
                : throw new ArgumentException($"Not a seeker or post: '{sourceIds[i]}'.", nameof(sourceIds));
            list.Add((sourceIds[i][(slash + 1)..], cells[i]));
        }
        await Task.WhenAll(Adopt(_seekers, seekers), Adopt(_posts, posts));
        if (!state.State.CellsListed)
        {
            state.State.CellsListed = true;
            await state.WriteStateAsync();
        }
        return true;
    }

    // An entry's cell only where it has none (a cell set by the record since the rebuild's read is newer) and the entry is
    // still here (a record that moved away is not listed again); each shard touched is written once.
    private static async Task Adopt<TValue>(ShardedMap<TValue> map, List<(string Id, string Cell)> found)
    {
        await map.LoadAsync(found.Select(f => f.Id));
        var changed = new List<string>();
        foreach (var (id, cell) in found)
        {
            if (map.TryGetValue(id, out _) && map.TagOf(id) is null && map.SetTag(id, cell))
            {
                changed.Add(id);
            }
        }
        await map.WriteShardsOfAsync(changed);
    }

    // Before entries that carry no cell are written (a bulk import's records do not list themselves, nor does an entry
    // added by PutSeekerAsync / PutPostAsync): the listings are no longer complete, and an adoption read before now is refused.
    private async Task ListingsIncompleteAsync()
    {
        state.State.BulkEpoch++;
        state.State.CellsListed = false;
        await state.WriteStateAsync();
    }

    private static void CheckCell(string? cell)
    {
        if (cell is { Length: 0 })
        {
            throw new ArgumentException("A match cell is a partition key, never empty.", nameof(cell));
        }
    }
}
