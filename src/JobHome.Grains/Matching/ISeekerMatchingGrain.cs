using Orleans.Concurrency;

namespace JobHome.Grains.Matching;

/// <summary>The seeker's post list (same grain as <see cref="People.ISeekerGrain"/>).</summary>
[Alias("jobhome.ISeekerMatchingGrain")]
public interface ISeekerMatchingGrain : IGrainWithStringKey
{
    /// <summary>
    /// The best <paramref name="k"/> posts with explanations, exactly as the engine ranks them over the posts open now;
    /// null when the seeker is not registered.
    /// </summary>
    [Alias("GetPostList")]
    Task<PostList?> GetPostListAsync(int k);

    /// <summary>A post on the stored list changed or left the index: the list is recomputed (best effort, one-way).</summary>
    [OneWay, Alias("PostListStale")]
    Task PostListStaleAsync();

    /// <summary>
    /// Coalesced stale notice (<see cref="StaleListNotices"/>): the list's parts from <see cref="StaleListNotice.Partitions"/>
    /// (all when null) are recomputed at once; the other parts keep their versions, so reads still recompute them if they
    /// changed (best effort, one-way).
    /// </summary>
    [OneWay, Alias("PostListStaleIn")]
    Task PostListStaleInAsync(StaleListNotice notice);
}
