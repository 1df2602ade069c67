using JobHome.Grains.Bulk;

namespace JobHome.Grains.Employers;

/// <summary>The bulk import's side of an employer: many posts listed in one write.</summary>
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
        var posts = state.State.PostIds;
        var added = false;
        foreach (var postId in postIds)
        {
            var at = posts.BinarySearch(postId, StringComparer.Ordinal);
            if (at < 0)
            {
                posts.Insert(~at, postId);
                added = true;
            }
        }
        if (added)
        {
            await state.WriteStateAsync();
        }
        return true;
    }
}
