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

    /// <summary>
    /// Adds or replaces a seeker whose activation holds no post list (no part of any partition) as it sends this: while this
    /// partition activation is young, a new post tells it nothing (<see cref="TopSeekersUnexplainedAsync"/>), since it holds
    /// no part from an earlier activation, and a listed part it gets later comes from a listing query here, which makes it a
    /// holder (told as every holder is). A registration sends it: the new activation has never read a list.
    /// </summary>
    [Alias("UpsertListlessSeeker")]
    Task UpsertListlessSeekerAsync(SeekerMatchRecord seeker);

    /// <summary>Adds or replaces many seekers (bulk loads and rebuilds).</summary>
    [Alias("UpsertSeekers")]
    Task UpsertSeekersAsync(SeekerMatchRecord[] seekers);

    /// <summary>Removes a seeker (idempotent).</summary>
    [Alias("RemoveSeeker")]
    Task RemoveSeekerAsync(string seekerId);

    /// <summary>
    /// Adds or replaces posts; seekers whose stored lists hold a replaced post are marked, and their parts recomputed and
    /// pushed one window later, unless only the post's free openings changed, it still has some and no re-ranker is loaded
    /// (no list changes then).
    /// </summary>
    [Alias("UpsertPosts")]
    Task UpsertPostsAsync(PostMatchRecord[] posts);

    /// <summary>Removes a post (idempotent); seekers whose stored lists hold it are marked, their parts pushed one window later.</summary>
    [Alias("RemovePost")]
    Task RemovePostAsync(string postId);

    /// <summary>
    /// This partition's exact top <paramref name="k"/> posts for <paramref name="seeker"/> on <paramref name="asOf"/>,
    /// or only the version when it still equals <paramref name="knownVersion"/>. When <paramref name="listed"/>, the
    /// partition remembers the seeker for its posts in the answer, to tell it when one of them changes (a listing without
    /// an activation's token: stored lists use <see cref="ListPostsAsync"/>). While the partition rebuilds, the answer waits
    /// until its posts are in (<see cref="MatchPartitionRebuildStatus.PostsIn"/>); the wait interleaves with every other call
    /// (as do these queries, which never await otherwise), so upserts are not held behind it.
    /// </summary>
    [AlwaysInterleave, Alias("TopPosts")]
    Task<PartitionMatches> TopPostsAsync(SeekerMatchRecord seeker, int k, DateOnly asOf, long knownVersion, bool listed);

    /// <summary>
    /// As <see cref="TopPostsAsync"/> with <c>listed</c>, the listing held by the seeker's activation
    /// <paramref name="activation"/> (a token the activation chose, see <see cref="ForgetActivationListingsAsync"/>).
    /// </summary>
    [AlwaysInterleave, Alias("ListPosts")]
    Task<PartitionMatches> ListPostsAsync(SeekerMatchRecord seeker, int k, DateOnly asOf, long knownVersion, Guid activation);

    /// <summary>
    /// As <see cref="ListPostsAsync"/>, for a seeker activation that holds this partition's part computed
    /// for the same record and day (ids <paramref name="held"/>, answered with stamp <paramref name="heldStamp"/>): an item
    /// whose post's features and the model did not change since is answered without its linear factors and marked in
    /// <see cref="PartitionMatches.Reused"/>; the seeker takes them from its held item (they are the same words).
    /// </summary>
    [AlwaysInterleave, Alias("RefreshListedPosts")]
    Task<PartitionMatches> RefreshListedPostsAsync(SeekerMatchRecord seeker, int k, DateOnly asOf, long knownVersion, string[] held,
        long heldStamp, Guid activation);

    /// <summary>
    /// Earlier form of <see cref="RefreshListedPostsAsync"/> without
    /// the activation's token (kept for callers of the earlier version): the listing carries none (<see cref="Guid.Empty"/>),
    /// so only a release by time or by another activation forgets it.
    /// </summary>
    [AlwaysInterleave, Alias("RefreshPosts")]
    Task<PartitionMatches> RefreshPostsAsync(SeekerMatchRecord seeker, int k, DateOnly asOf, long knownVersion, string[] held,
        long heldStamp);

    /// <summary>
    /// Forgets listings of seekers whose activations let them go, so no later change of their posts notifies them (one-way,
    /// best effort). Per entry (same order in the three arrays): when <paramref name="keepActivation"/> is false, the
    /// listing of <paramref name="seekerIds"/>' seeker is forgotten only if activation <paramref name="activations"/> holds
    /// it (that activation was deactivated with its list: a newer activation's listing is kept, whatever the silos'
    /// clocks); when true, it is forgotten unless that activation holds it (a live activation without a list was told by
    /// this partition: whatever listing is here belongs to an earlier one).
    /// </summary>
    [OneWay, Alias("ForgetListingsOfActivations")]
    Task ForgetActivationListingsAsync(string[] seekerIds, Guid[] activations, bool[] keepActivation);

    /// <summary>
    /// Earlier form of <see cref="ForgetActivationListingsAsync"/> (kept for callers of the earlier
    /// version): forgets each of <paramref name="seekerIds"/>' listings made up to its release time in
    /// <paramref name="releasedAt"/> (same order), on this partition's clock; clock skew between silos can make it keep a
    /// released listing or forget a live one until that seeker's next query.
    /// </summary>
    [OneWay, Alias("ForgetListingsReleasedAt")]
    Task ForgetListingsAsync(string[] seekerIds, DateTimeOffset[] releasedAt);

    /// <summary>
    /// A new or changed post of this partition scores <paramref name="scores"/> for <paramref name="seekerIds"/> (same order:
    /// its top seekers that hold a list): each holder of a part from here whose part's floor the score reaches is marked
    /// dirty, to be recomputed and pushed one window after <paramref name="since"/> (when the post's change was made, on the
    /// caller's server clock; one-way, best effort).
    /// </summary>
    [OneWay, Alias("NewPostsMayEnter")]
    Task NewPostsMayEnterAsync(string[] seekerIds, double[] scores, DateTimeOffset since);

    /// <summary>
    /// As <see cref="NewPostsMayEnterAsync"/> for the post <paramref name="postId"/> of this partition. A post whose features
    /// did not change since this activation first indexed it was nobody's candidate in a part computed before it was
    /// indexed (and a part computed since holds its current score), so it is tested against each holder's tighter floor
    /// for new posts (an aware part's lowest kept key even when its candidates fill their depth); a corrected post against
    /// the floor of <see cref="NewPostsMayEnterAsync"/>.
    /// </summary>
    [OneWay, Alias("NewPostMayEnter")]
    Task NewPostMayEnterAsync(string postId, string[] seekerIds, double[] scores, DateTimeOffset since);

    /// <summary>
    /// The partition's own tick (it calls itself one window after the first dirty mark, then once per batch): recomputes up
    /// to <see cref="MatchingOptions.PushBatch"/> dirty holders' parts and pushes those that changed.
    /// </summary>
    [OneWay, Alias("PushDirty")]
    Task PushDirtyAsync();

    /// <summary>This partition's exact top <paramref name="k"/> seekers for <paramref name="post"/> on <paramref name="asOf"/>.</summary>
    [ReadOnly, Alias("TopSeekers")]
    Task<MatchItem[]> TopSeekersAsync(PostMatchRecord post, int k, DateOnly asOf);

    /// <summary>
    /// The seekers of <see cref="TopSeekersAsync"/> (same order, scores) that hold a post list with a part from this
    /// partition (their activations queried it and were not released since), without their factors (empty): for the stale
    /// notices of a new post, which need the ids and the scores to merge, not the words, and only for lists someone holds.
    /// A young activation (less than the record grains' collection age and quantum plus one notice window old) keeps every seeker
    /// except those upserted here without a list (<see cref="UpsertListlessSeekerAsync"/>) and not holders since: its holders are
    /// in memory, and a live seeker may hold a part from an earlier activation.
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
