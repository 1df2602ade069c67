using JobHome.Storage;

namespace JobHome.Grains.Catalog;

/// <summary>A site's post ids; writes only when something changes.</summary>
public sealed class SitePostsGrain(
    [PersistentState("posts", StorageNames.Default)] IPersistentState<SitePostsState> state) : Grain, ISitePostsGrain
{
    /// <inheritdoc />
    public async Task PutAsync(string postId)
    {
        ArgumentException.ThrowIfNullOrEmpty(postId);
        if (state.State.Posts.TryAdd(postId, true))
        {
            await state.WriteStateAsync();
        }
    }

    /// <inheritdoc />
    public async Task RemoveAsync(string postId)
    {
        if (state.State.Posts.Remove(postId))
        {
            await state.WriteStateAsync();
        }
    }

    /// <inheritdoc />
    public Task<string[]> GetAsync() => Task.FromResult(state.State.Posts.Keys.Order(StringComparer.Ordinal).ToArray());
}
