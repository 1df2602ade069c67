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
    /// Stale notice: the list's parts from <see cref="StaleListNotice.Partitions"/> (all when null) are recomputed at once;
    /// the other parts keep their versions, so reads still recompute them if they changed (best effort, one-way). Sent by
    /// the seeker to itself for a direct mark's refresh, by a young partition to seekers that may hold a part
    /// from its earlier activation, and by silos of the version before pushes.
    /// </summary>
    [OneWay, Alias("PostListStaleIn")]
    Task PostListStaleInAsync(StaleListNotice notice);

    /// <summary>
    /// A partition's recomputed part of the stored list (<see cref="PostListPush"/>): taken when it is meant for this
    /// activation and newer than the part held; a push meant for an earlier activation releases that activation's listing
    /// there (one-way, best effort).
    /// </summary>
    [OneWay, Alias("PostListPushed")]
    Task PostListPushedAsync(PostListPush push);
}
