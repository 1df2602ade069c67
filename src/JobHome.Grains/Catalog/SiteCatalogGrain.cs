using JobHome.Storage;

namespace JobHome.Grains.Catalog;

/// <summary>A catalogue shard: a few hundred sites of a 20,000-site province held in memory and persisted.</summary>
public sealed class SiteCatalogGrain(
    [PersistentState("catalog", StorageNames.Default)] IPersistentState<SiteCatalogState> state) : Grain, ISiteCatalogGrain
{
    /// <inheritdoc />
    public async Task PutAsync(SiteCatalogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (state.State.Sites.TryGetValue(entry.Code, out var held) && SiteCatalog.SameEntry(held, entry))
        {
            return;
        }
        state.State.Sites[entry.Code] = entry;
        await state.WriteStateAsync();
    }

    /// <inheritdoc />
    public Task<SiteCatalogEntry[]> SearchAsync(string query, int limit)
    {
        var q = query?.Trim() ?? string.Empty;
        if (q.Length == 0 || limit <= 0)
        {
            return Task.FromResult(Array.Empty<SiteCatalogEntry>());
        }
        var found = state.State.Sites.Values
            .Select(entry => (Entry: entry, Rank: SiteCatalog.Rank(entry, q)))
            .Where(match => match.Rank >= 0)
            .OrderBy(match => match.Rank)
            .ThenBy(match => match.Entry.Code, StringComparer.Ordinal)
            .Take(limit)
            .Select(match => match.Entry)
            .ToArray();
        return Task.FromResult(found);
    }

    /// <inheritdoc />
    public Task<SiteCatalogEntry[]> SubtreeAsync(string root) =>
        Task.FromResult(state.State.Sites.Values.Where(entry => entry.IsIn(root)).OrderBy(e => e.Code, StringComparer.Ordinal).ToArray());

    /// <inheritdoc />
    public Task<SiteCatalogEntry?> FindAsync(string code) =>
        Task.FromResult(state.State.Sites.GetValueOrDefault(code));
}
