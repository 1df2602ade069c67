namespace JobHome.Grains.Matching;

/// <summary>Queries that fan out to every partition within reach and merge their exact top-k.</summary>
public static class MatchQueries
{
    /// <summary>The best <paramref name="k"/> posts for a seeker over the whole cluster (within its commute limit).</summary>
    public static async Task<MatchItem[]> TopPostsAsync(IGrainFactory grains, MatchingOptions options, SeekerMatchRecord seeker, int k,
        DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(seeker);
        var keys = SeekerReach(options, seeker, asOf);
        var answers = await Task.WhenAll(keys.Select(key =>
            grains.Kept<IMatchPartitionGrain>(key).TopPostsAsync(seeker, k, asOf, knownVersion: 0, listed: false)));
        return MatchMerge.Top(answers.Select(static a => a.Items ?? []), k);
    }

    /// <summary>The best <paramref name="k"/> seekers for a post over the whole cluster (each within their own limit).</summary>
    public static async Task<MatchItem[]> TopSeekersAsync(IGrainFactory grains, MatchingOptions options, PostMatchRecord post, int k,
        DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(post);
        var keys = MatchPartitions.Reach(post.Lat, post.Lon, options.ToMatchOptions(asOf).SearchKm, options.CellDegrees);
        var answers = await Task.WhenAll(keys.Select(key => grains.Kept<IMatchPartitionGrain>(key).TopSeekersAsync(post, k, asOf)));
        return MatchMerge.Top(answers, k);
    }

    /// <summary>
    /// The seekers of <see cref="TopSeekersAsync"/> that hold a post list (each partition keeps, of its own top
    /// <paramref name="k"/>, those that hold a part from it: possibly fewer), in the same order, without their factors: what a new post's
    /// stale notices need (each explained item cost a few strings; a new post asks every partition it reaches for 20). A
    /// seeker without a list (its activation was collected) is not told: a notice would only reactivate it.
    /// </summary>
    public static async Task<MatchItem[]> TopSeekersUnexplainedAsync(IGrainFactory grains, MatchingOptions options, PostMatchRecord post,
        int k, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(post);
        var keys = MatchPartitions.Reach(post.Lat, post.Lon, options.ToMatchOptions(asOf).SearchKm, options.CellDegrees);
        var calls = new Task<MatchItem[]>[keys.Length];
        PostListMetrics.RecordSeekerQueries(keys.Length);
        for (var i = 0; i < keys.Length; i++)
        {
            calls[i] = grains.Kept<IMatchPartitionGrain>(keys[i]).TopSeekersUnexplainedAsync(post, k, asOf);
        }
        return MatchMerge.Top(await Task.WhenAll(calls), k);
    }

    /// <summary>The partitions a seeker's commute limit reaches.</summary>
    public static string[] SeekerReach(MatchingOptions options, SeekerMatchRecord seeker, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(seeker);
        return MatchPartitions.Reach(seeker.Lat, seeker.Lon, options.ToMatchOptions(asOf).LimitKm(seeker.Rural), options.CellDegrees);
    }
}
