using JobHome.Grains.Indicators;
using JobHome.Grains.Sharding;
using JobHome.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace JobHome.Grains.SiteRecords;

/// <summary>
/// The per-cell listings: for each match cell, the site's seekers and posts stored in it (row <c>directory-cell-{cell}</c>
/// of this grain, read on first use), so a match partition's rebuild reads only the records it will index. A record
/// lists itself before the write that stores it in a cell and leaves after the write that takes it out: a listing is a
/// superset of what is stored there, whatever the order of a crash. The listings are complete only once a rebuild that
/// read the whole site adopted what it found (<see cref="SiteDirectoryState.CellsListed"/>); a bulk import clears that.
/// </summary>
public sealed partial class SiteDirectoryGrain
{
    /// <summary>The prefix of the per-cell listing rows (<c>directory-cell-g/12/34</c>).</summary>
    internal const string CellPrefix = "directory-cell-";

    private readonly Dictionary<string, StoredRow<MapShard<bool>>> _cells = new(StringComparer.Ordinal);

    /// <summary>The stored row name of cell <paramref name="cell"/>'s listing.</summary>
    internal static string CellStateName(string cell) => CellPrefix + cell;

    /// <inheritdoc />
    public async Task ListInCellAsync(string cell, string sourceId)
    {
        ArgumentException.ThrowIfNullOrEmpty(cell);
        ArgumentException.ThrowIfNullOrEmpty(sourceId);
        var row = Cell(cell);
        await row.LoadAsync();
        if (row.State.Entries.TryAdd(sourceId, true))
        {
            await row.WriteAsync();
        }
    }

    /// <inheritdoc />
    public async Task UnlistFromCellAsync(string cell, string sourceId)
    {
        ArgumentException.ThrowIfNullOrEmpty(cell);
        ArgumentException.ThrowIfNullOrEmpty(sourceId);
        var row = Cell(cell);
        await row.LoadAsync();
        if (row.State.Entries.Remove(sourceId))
        {
            await row.WriteAsync();
        }
    }

    /// <inheritdoc />
    public async Task<SiteMatchListing> GetMatchListingAsync(string cell)
    {
        ArgumentException.ThrowIfNullOrEmpty(cell);
        var epoch = state.State.BulkEpoch;
        if (state.State.CellsListed)
        {
            var row = Cell(cell);
            await row.LoadAsync();
            return new SiteMatchListing(true, epoch, [.. row.State.Entries.Keys.Order(StringComparer.Ordinal)]);
        }
        await Task.WhenAll(_seekers.LoadAllAsync(), _posts.LoadAllAsync());
        return new SiteMatchListing(false, epoch, [.. _seekers.Keys.Select(id => IndicatorSources.Id(IndicatorSources.Seeker, id))
            .Concat(_posts.Keys.Select(id => IndicatorSources.Id(IndicatorSources.Post, id)))
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
        var byCell = sourceIds.Zip(cells).GroupBy(p => p.Second, StringComparer.Ordinal).ToList();
        await Task.WhenAll(byCell.Select(g => Cell(g.Key).LoadAsync()));
        var writes = new List<Task>();
        foreach (var group in byCell)
        {
            var row = Cell(group.Key);
            var added = false;
            foreach (var (id, _) in group)
            {
                added |= row.State.Entries.TryAdd(id, true);
            }
            if (added)
            {
                writes.Add(row.WriteAsync());
            }
        }
        await Task.WhenAll(writes);
        if (!state.State.CellsListed)
        {
            state.State.CellsListed = true;
            await state.WriteStateAsync();
        }
        return true;
    }

    // Before a bulk import's records are written (they do not list themselves): the listings are no longer complete, and
    // an adoption read before now is refused.
    private async Task BeginBulkAsync()
    {
        state.State.BulkEpoch++;
        state.State.CellsListed = false;
        await state.WriteStateAsync();
    }

    private StoredRow<MapShard<bool>> Cell(string cell)
    {
        if (!_cells.TryGetValue(cell, out var row))
        {
            var context = ((IGrainBase)this).GrainContext;
            row = new StoredRow<MapShard<bool>>(context.ActivationServices.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default),
                CellStateName(cell), context.GrainId);
            _cells[cell] = row;
        }
        return row;
    }
}
