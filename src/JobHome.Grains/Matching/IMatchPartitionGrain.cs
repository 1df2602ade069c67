using Orleans.Concurrency;

namespace JobHome.Grains.Matching;

/// <summary>
/// One cell of the match index (key from <see cref="MatchPartitions.KeyOf"/>): the features of the open posts and active
/// seekers located in it, and exact top-k queries over them.
/// </summary>
[Alias("jobhome.IMatchPartitionGrain")]
public interface IMatchPartitionGrain : IGrainWithStringKey
{
    /// <summary>
    /// Remembers (durably, written only when new) that records of <paramref name="siteCode"/> are published into this cell;
    /// records call it before the write that puts them in the cell, so a rebuild finds them through the site's index.
    /// </summary>
    [Alias("NoteSite")]
    Task NoteSiteAsync(string siteCode);

    /// <summary>Adds or replaces a seeker.</summary>
    [Alias("UpsertSeeker")]
    Task UpsertSeekerAsync(SeekerMatchRecord seeker);

    /// <summary>Adds or replaces many seekers (bulk loads and rebuilds).</summary>
    [Alias("UpsertSeekers")]
    Task UpsertSeekersAsync(SeekerMatchRecord[] seekers);

    /// <summary>Removes a seeker (idempotent).</summary>
    [Alias("RemoveSeeker")]
    Task RemoveSeekerAsync(string seekerId);

    /// <summary>
    /// Adds or replaces posts; seekers whose post lists hold a replaced post are told their list is stale, unless only the
    /// post's free openings changed, it still has some and no re-ranker is loaded (no list changes then).
    /// </summary>
    [Alias("UpsertPosts")]
    Task UpsertPostsAsync(PostMatchRecord[] posts);

    /// <summary>Removes a post (idempotent); seekers whose post lists hold it are told their list is stale.</summary>
    [Alias("RemovePost")]
    Task RemovePostAsync(string postId);

    /// <summary>
    /// This partition's exact top <paramref name="k"/> posts for <paramref name="seeker"/> on <paramref name="asOf"/>,
    /// or only the version when it still equals <paramref name="knownVersion"/>. When <paramref name="listed"/>, the
    /// partition remembers the seeker for its posts in the answer, to tell it when one of them changes.
    /// </summary>
    [ReadOnly, Alias("TopPosts")]
    Task<PartitionMatches> TopPostsAsync(SeekerMatchRecord seeker, int k, DateOnly asOf, long knownVersion, bool listed);

    /// <summary>
    /// As <see cref="TopPostsAsync"/> with <c>listed</c>, for a seeker that holds this partition's part computed
    /// for the same record and day (ids <paramref name="held"/>, answered with stamp <paramref name="heldStamp"/>): an item
    /// whose post's features and the model did not change since is answered without its linear factors and marked in
    /// <see cref="PartitionMatches.Reused"/>; the seeker takes them from its held item (they are the same words).
    /// </summary>
    [ReadOnly, Alias("RefreshPosts")]
    Task<PartitionMatches> RefreshPostsAsync(SeekerMatchRecord seeker, int k, DateOnly asOf, long knownVersion, string[] held,
        long heldStamp);

    /// <summary>
    /// Forgets each of <paramref name="seekerIds"/>' listings made up to its release time in <paramref name="releasedAt"/>
    /// (same order; their activations were deactivated with their lists), so no later change of their posts notifies them
    /// (one-way, best effort). A listing made after its seeker's release belongs to a new activation and is kept.
    /// </summary>
    [OneWay, Alias("ForgetListingsReleasedAt")]
    Task ForgetListingsAsync(string[] seekerIds, DateTimeOffset[] releasedAt);

    /// <summary>This partition's exact top <paramref name="k"/> seekers for <paramref name="post"/> on <paramref name="asOf"/>.</summary>
    [ReadOnly, Alias("TopSeekers")]
    Task<MatchItem[]> TopSeekersAsync(PostMatchRecord post, int k, DateOnly asOf);

    /// <summary>
    /// The seekers of <see cref="TopSeekersAsync"/> (same order, scores) that hold a post list with a part from this
    /// partition (their activations queried it and were not released since), without their factors (empty): for the stale
    /// notices of a new post, which need the ids and the scores to merge, not the words, and only for lists someone holds.
    /// A young activation (less than the record grains' collection age and quantum plus one notice window old) keeps every seeker: its
    /// holders are in memory, and a live seeker may hold a part from an earlier activation.
    /// </summary>
    [ReadOnly, Alias("TopSeekersUnexplained")]
    Task<MatchItem[]> TopSeekersUnexplainedAsync(PostMatchRecord post, int k, DateOnly asOf);

    /// <summary>How many posts and seekers the partition holds.</summary>
    [ReadOnly, Alias("Counts")]
    Task<(int Posts, int Seekers)> CountsAsync();

    /// <summary>Where the partition's rebuild from storage stands (progress while it runs, totals once done).</summary>
    [ReadOnly, Alias("RebuildStatus")]
    Task<MatchPartitionRebuildStatus> RebuildStatusAsync();
}
