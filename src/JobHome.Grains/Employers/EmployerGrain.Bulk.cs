using JobHome.Grains.Bulk;

namespace JobHome.Grains.Employers;

/// <summary>The bulk import's side of an employer: many posts listed with one write per shard touched.</summary>
public sealed partial class EmployerGrain : IBulkEmployerGrain
{
    /// <inheritdoc />
    public async Task<bool> AddPostsAsync(string[] postIds)
    {
        ArgumentNullException.ThrowIfNull(postIds);
        if (state.State.Profile is null)
        {
            return false;
        }
        await _posts.LoadAsync(postIds);
        var added = new List<string>();
        foreach (var postId in postIds)
        {
            if (_posts.TryAdd(postId, true))
            {
                added.Add(postId);
            }
        }
        if (added.Count > 0)
        {
            // Each shard holding a new post is written once.
            await _posts.WriteAsync(added);
        }
        return true;
    }
}
