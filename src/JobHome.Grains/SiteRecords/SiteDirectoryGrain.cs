using JobHome.Grains.Indicators;
using JobHome.Storage;

namespace JobHome.Grains.SiteRecords;

/// <summary>A site's directory of seekers and households; writes only when something changes.</summary>
public sealed class SiteDirectoryGrain(
    [PersistentState("directory", StorageNames.Default)] IPersistentState<SiteDirectoryState> state) : Grain, ISiteDirectoryGrain
{
    /// <inheritdoc />
    public async Task PutSeekerAsync(string seekerId, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(seekerId);
        ArgumentNullException.ThrowIfNull(name);
        if (state.State.Seekers.TryGetValue(seekerId, out var held) && string.Equals(held, name, StringComparison.Ordinal))
        {
            return;
        }
        state.State.Seekers[seekerId] = name;
        await state.WriteStateAsync();
    }

    /// <inheritdoc />
    public async Task RemoveSeekerAsync(string seekerId)
    {
        if (state.State.Seekers.Remove(seekerId))
        {
            await state.WriteStateAsync();
        }
    }

    /// <inheritdoc />
    public async Task PutHouseholdAsync(string householdId)
    {
        ArgumentException.ThrowIfNullOrEmpty(householdId);
        if (state.State.Households.TryAdd(householdId, true))
        {
            await state.WriteStateAsync();
        }
    }

    /// <inheritdoc />
    public async Task PutPostAsync(string postId)
    {
        ArgumentException.ThrowIfNullOrEmpty(postId);
        if (state.State.Posts.TryAdd(postId, true))
        {
            await state.WriteStateAsync();
        }
    }

    /// <inheritdoc />
    public Task<string[]> GetSourceIdsAsync()
    {
        var ids = state.State.Seekers.Keys.Select(id => IndicatorSources.Id(IndicatorSources.Seeker, id))
            .Concat(state.State.Households.Keys.Select(id => IndicatorSources.Id(IndicatorSources.Household, id)))
            .Concat(state.State.Posts.Keys.Select(id => IndicatorSources.Id(IndicatorSources.Post, id)))
            .Order(StringComparer.Ordinal)
            .ToArray();
        return Task.FromResult(ids);
    }

    /// <inheritdoc />
    public Task<string[]> FindSeekersAsync(string name)
    {
        var query = name?.Trim() ?? string.Empty;
        var ids = state.State.Seekers
            .Where(entry => query.Length == 0 || entry.Value.Contains(query, StringComparison.OrdinalIgnoreCase))
            .Select(entry => entry.Key)
            .Order(StringComparer.Ordinal)
            .ToArray();
        return Task.FromResult(ids);
    }

    /// <inheritdoc />
    public Task<string[]> GetHouseholdsAsync() =>
        Task.FromResult(state.State.Households.Keys.Order(StringComparer.Ordinal).ToArray());

    /// <inheritdoc />
    public Task<string[]> GetPostsAsync() =>
        Task.FromResult(state.State.Posts.Keys.Order(StringComparer.Ordinal).ToArray());
}
