using Orleans.Concurrency;

namespace JobHome.Grains.Catalog;

/// <summary>
/// The ids of the posts registered at one site (keyed by site code): derived data the post grain writes when it opens,
/// is corrected or moves, so subtree breakdowns and fairs find a site's posts without a scan.
/// </summary>
[Alias("jobhome.ISitePostsGrain")]
public interface ISitePostsGrain : IGrainWithStringKey
{
    /// <summary>Adds a post of this site (idempotent).</summary>
    [Alias("Put")]
    Task PutAsync(string postId);

    /// <summary>Removes a post that moved to another site (idempotent).</summary>
    [Alias("Remove")]
    Task RemoveAsync(string postId);

    /// <summary>The post ids of this site, in id order.</summary>
    [ReadOnly, Alias("Get")]
    Task<string[]> GetAsync();
}
